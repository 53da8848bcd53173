package dev.sift.gateway.context;

import dev.sift.schema.ConversationContext;
import dev.sift.schema.PendingSnippet;
import dev.sift.schema.serde.AvroSerde;
import dev.sift.schema.serde.DecodingLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.OptionalLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation context of one stream task: per conversation (the record key; one conversation lives in one
 * partition, so in one task) its stored {@link ConversationContext}, and an index of conversations by their newest
 * event time that the purge walks in order instead of reading every conversation. Both stores are persistent and
 * changelogged: with exactly-once processing a context is committed in the same transaction as the decisions it
 * shaped, so a task restored after a crash or a rebalance judges the next turn as the first run would have.
 *
 * <p>The index files a conversation under the start of the purge interval its newest turn falls in, not the turn's
 * exact time: a busy conversation then moves in the index once per interval rather than with every turn (a delete and
 * a put, each also a changelog record). The purge runs on a stream-time punctuation: it deletes the conversations
 * whose newest turn is more than the time-to-live behind the newest turn the task has seen ({@link ContextClock}), at
 * most one interval later than exact times would, after checking each one's stored newest turn. A turn reads an idle
 * thread as empty whether or not the purge has run, so when it runs changes no decision of turns that come in
 * event-time order.
 */
public final class ConversationContexts {

    /** Name of the contexts store (and, with the application id, of its changelog topic). */
    public static final String STORE = "sift-conversation-context";

    /** Name of the index of conversations by newest event time. */
    public static final String EXPIRY_STORE = "sift-conversation-context-expiry";

    private static final Logger LOG = LoggerFactory.getLogger(ConversationContexts.class);

    private final KeyValueStore<String, ConversationContext> contexts;
    private final KeyValueStore<String, String> expiry;
    private final ContextConfig config;
    private final ContextClock clock = new ContextClock();

    /**
     * @param contexts the task's contexts store
     * @param expiry the task's expiry index
     * @param config the bounds
     */
    public ConversationContexts(KeyValueStore<String, ConversationContext> contexts,
            KeyValueStore<String, String> expiry, ContextConfig config) {
        this.contexts = contexts;
        this.expiry = expiry;
        this.config = config;
    }

    /** @return the builders of both stores: persistent, changelogged, cached within a commit interval */
    public static List<StoreBuilder<?>> storeBuilders() {
        // The store holds what this gateway wrote: read back without the input limits.
        StoreBuilder<KeyValueStore<String, ConversationContext>> contexts = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        AvroSerde.of(ConversationContext.class, DecodingLimits.OWN_STATE))
                .withCachingEnabled();
        StoreBuilder<KeyValueStore<String, String>> expiry = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(EXPIRY_STORE), Serdes.String(), Serdes.String())
                .withCachingEnabled();
        return List.of(contexts, expiry);
    }

    /** @return the bounds */
    ContextConfig config() {
        return config;
    }

    /** @param pending a snippet the task took, whichever model scores it: the purge's clock moves on */
    public void saw(PendingSnippet pending) {
        clock.saw(pending);
    }

    /**
     * @param conversation a conversation id
     * @param modelVersion the model that scores now
     * @param width its embedding width
     * @return what the conversation remembers for that model; nothing when it has no stored context, and empty
     *     memories when they were made by another model
     */
    ConversationMemory read(String conversation, String modelVersion, int width) {
        ConversationContext stored = contexts.get(conversation);
        if (stored == null) {
            return ConversationMemory.empty(modelVersion, width);
        }
        try {
            return ContextCodec.decode(stored, modelVersion, width);
        } catch (IllegalArgumentException e) {
            // Only this gateway writes the store; should a value still contradict itself, the conversation starts
            // afresh rather than failing the stream thread on it forever.
            LOG.warn("conversation context of {} is unusable, starting it afresh: {}", conversation, e.getMessage());
            return new ConversationMemory(modelVersion, width, new LinkedHashMap<>(), new LinkedHashMap<>(),
                    ContextCodec.newestOf(stored));
        }
    }

    /**
     * Stores a conversation's memory and moves it in the expiry index.
     *
     * @param conversation the conversation id
     * @param memory what it remembers now
     */
    void write(String conversation, ConversationMemory memory) {
        OptionalLong filedNow = intervalOf(memory.newest());
        OptionalLong filedBefore = intervalOf(memory.storedNewest());
        if (filedBefore.isPresent() && !filedBefore.equals(filedNow)) {
            expiry.delete(ExpiryKey.of(filedBefore.getAsLong(), conversation));
        }
        if (filedNow.isEmpty()) {
            contexts.delete(conversation);
            return;
        }
        contexts.put(conversation, ContextCodec.encode(memory));
        if (!filedNow.equals(filedBefore)) {
            expiry.put(ExpiryKey.of(filedNow.getAsLong(), conversation), conversation);
        }
    }

    /** The start of the purge interval an event time falls in: where the index files a conversation. */
    private OptionalLong intervalOf(OptionalLong eventTime) {
        if (eventTime.isEmpty()) {
            return eventTime;
        }
        long width = config.purgeInterval().toMillis();
        return OptionalLong.of(Math.floorDiv(eventTime.getAsLong(), width) * width);
    }

    /**
     * Deletes the conversations whose newest turn is more than the time-to-live behind the newest turn the task has
     * seen: no later turn could read their memories.
     *
     * @return how many were deleted
     */
    public int purge() {
        if (!clock.started()) {
            return 0;
        }
        long cutoff = clock.newest() - config.timeToLive().toMillis();
        // An interval starting at or before cutoff - width holds only conversations idle beyond the time-to-live.
        long end = cutoff - config.purgeInterval().toMillis() + 1;
        if (cutoff > clock.newest() || end > cutoff) {
            return 0;
        }
        String endKey = ExpiryKey.before(end);
        List<KeyValue<String, String>> filed = new ArrayList<>();
        try (KeyValueIterator<String, String> oldest = expiry.range(null, endKey)) {
            while (oldest.hasNext()) {
                KeyValue<String, String> entry = oldest.next();
                if (entry.key.compareTo(endKey) < 0) {
                    filed.add(entry);
                }
            }
        }
        int deleted = 0;
        for (KeyValue<String, String> entry : filed) {
            expiry.delete(entry.key);
            ConversationContext stored = contexts.get(entry.value);
            OptionalLong newest = stored == null ? OptionalLong.empty() : ContextCodec.newestOf(stored);
            // An entry the conversation has moved on from (filed by an earlier version of the index) goes alone.
            if (stored != null && (newest.isEmpty() || newest.getAsLong() < cutoff)) {
                contexts.delete(entry.value);
                deleted++;
            }
        }
        return deleted;
    }
}
