package dev.sift.schema.topic;

import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the serdes of its keys and values: the one place a topic's name and types are declared.
 *
 * @param name topic name
 * @param keySerde serde of the keys
 * @param valueSerde serde of the values
 * @param retention how the broker keeps its records
 * @param <K> key type
 * @param <V> value type
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Retention retention) {

    /**
     * Largest record the snippets topic accepts: 512 KiB, above the gateway's own record limit (384 KiB by default), so
     * that a snippet somewhat too large reaches the gateway and is dead-lettered with its reason, and low enough for
     * a gateway's 128 MB heap: the Kafka consumer parses a record's headers into objects of some 90 bytes each, so a
     * record made of empty two-byte headers costs the heap about 46 times its size before any of the gateway's code
     * sees it (a 512 KiB record some 24 MB; an 8 MiB one, as this topic was once created with, some 370 MB).
     */
    public static final int SNIPPET_RECORD_BYTES = 512 * 1024;

    /**
     * Largest snippet record a snippets topic may hold: 8 MiB, the limit it was created with before
     * {@link #SNIPPET_RECORD_BYTES}. A topic created then keeps it until an operator lowers it.
     */
    public static final int LARGE_RECORD_BYTES = 8 * 1024 * 1024;

    /** Largest dead letter: the largest snippet record, and its reason headers. */
    public static final int DEAD_LETTER_RECORD_BYTES = LARGE_RECORD_BYTES + 64 * 1024;

    /** How the broker keeps a topic's records. */
    public enum Retention {
        /** A stream of events, deleted by time. */
        EVENTS,
        /**
         * Events from untrusted producers that may be larger than they should be (raw snippets), deleted by time:
         * records up to {@link Topic#SNIPPET_RECORD_BYTES} are accepted, so an oversized snippet reaches the gateway
         * and is dead-lettered with its reason instead of vanishing in a producer's error log.
         */
        UNTRUSTED_EVENTS,
        /** Records set aside with their reason, deleted by time: up to {@link Topic#DEAD_LETTER_RECORD_BYTES}. */
        DEAD_LETTERS,
        /** The latest value per key (releases, policies), kept forever. */
        COMPACTED
    }

    /**
     * The topic to create with the given layout.
     *
     * @param partitions number of partitions
     * @param replicationFactor replication factor
     * @return an admin {@link NewTopic}
     */
    public NewTopic newTopic(int partitions, short replicationFactor) {
        NewTopic topic = new NewTopic(name, partitions, replicationFactor);
        if (retention == Retention.COMPACTED) {
            topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        } else if (retention == Retention.UNTRUSTED_EVENTS) {
            topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(SNIPPET_RECORD_BYTES)));
        } else if (retention == Retention.DEAD_LETTERS) {
            topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DEAD_LETTER_RECORD_BYTES)));
        }
        return topic;
    }
}
