package dev.sift.gateway.topology;

import dev.sift.schema.PendingSnippet;
import dev.sift.schema.serde.AvroSerde;
import dev.sift.schema.serde.DecodingLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The micro-batch of one stream task: snippets taken from the input but not yet scored, in input order.
 *
 * <p>Why a changelogged state store rather than a plain list: Kafka Streams commits input offsets every
 * {@code commit.interval.ms}, whether or not a batch is full. A list would let a commit cover snippets that are only
 * in memory, and a crash would lose them. Here every buffered snippet is written to the store, whose changelog is
 * part of the same exactly-once transaction as the input offsets and the outputs: a committed offset always comes
 * with either the snippet's decision or the snippet itself in the changelog, and a crash rolls back both. On
 * restart the store is restored and the buffer carries on from where the last commit left it. A plain list mirrors
 * the store so that flushing never reads it back.
 */
final class PendingBuffer {

    /**
     * How soon the changelog rolls a segment and drops tombstones: entries live one batch, so an old segment is almost
     * all deleted entries, and a restore reads little.
     */
    private static final Duration CHANGELOG_COMPACTION = Duration.ofMinutes(10);

    /** Name of the store (and, with the application id, of its changelog topic). */
    static final String STORE = "sift-pending-snippets";

    private static final long RESTORED = Long.MIN_VALUE;

    private final KeyValueStore<Long, PendingSnippet> store;
    private final List<KeyValue<Long, PendingSnippet>> entries = new ArrayList<>();
    private long nextSequence;
    /** Stream wall-clock time the oldest entry was added, or {@link #RESTORED} for entries restored after a restart. */
    private long oldestAddedAt;

    /**
     * Opens the buffer over a restored store.
     *
     * @param store this task's pending-snippets store
     */
    PendingBuffer(KeyValueStore<Long, PendingSnippet> store) {
        this.store = store;
        // Sequence numbers are non-negative, so the big-endian keys iterate in input order.
        try (KeyValueIterator<Long, PendingSnippet> restored = store.all()) {
            restored.forEachRemaining(entries::add);
        }
        nextSequence = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).key + 1;
        // Restored snippets have waited through a restart already: their batch is due at once.
        oldestAddedAt = RESTORED;
    }

    /**
     * @return the builder of the store: in memory, changelogged, compacted quickly because every entry lives only
     *         until its batch is scored
     */
    static StoreBuilder<KeyValueStore<Long, PendingSnippet>> storeBuilder() {
        String tenMinutes = Long.toString(CHANGELOG_COMPACTION.toMillis());
        // The store holds snippets the gateway checked with its input limits, which may be above the defaults.
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.Long(),
                        AvroSerde.of(PendingSnippet.class, DecodingLimits.OWN_STATE))
                .withLoggingEnabled(Map.of(
                        TopicConfig.SEGMENT_MS_CONFIG, tenMinutes,
                        TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.1",
                        TopicConfig.DELETE_RETENTION_MS_CONFIG, tenMinutes))
                // The cache collapses a put and the delete that follows it within one commit interval.
                .withCachingEnabled();
    }

    /**
     * @param pending a snippet taken from the input
     * @param nowMs the stream's wall-clock time
     * @return how many snippets the buffer holds now
     */
    int add(PendingSnippet pending, long nowMs) {
        if (entries.isEmpty()) {
            oldestAddedAt = nowMs;
        }
        long sequence = nextSequence++;
        store.put(sequence, pending);
        entries.add(KeyValue.pair(sequence, pending));
        return entries.size();
    }

    /** @return the buffered snippets, in input order */
    List<PendingSnippet> contents() {
        return entries.stream().map(entry -> entry.value).toList();
    }

    /**
     * @param nowMs the stream's wall-clock time
     * @param maxWait how long the oldest snippet may wait
     * @return whether the buffer holds a snippet that has waited {@code maxWait} or more
     */
    boolean due(long nowMs, Duration maxWait) {
        return !entries.isEmpty() && (oldestAddedAt == RESTORED || nowMs - oldestAddedAt >= maxWait.toMillis());
    }

    /** @return whether nothing is buffered */
    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Forgets every buffered snippet, once their outcomes have been forwarded. */
    void clear() {
        entries.forEach(entry -> store.delete(entry.key));
        entries.clear();
    }
}
