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

    /** Largest record a {@link Retention#LARGE_EVENTS} topic accepts: 8 MiB. */
    public static final int LARGE_RECORD_BYTES = 8 * 1024 * 1024;

    /** How the broker keeps a topic's records. */
    public enum Retention {
        /** A stream of events, deleted by time. */
        EVENTS,
        /**
         * Events from outside that may be far larger than they should be (raw snippets, and their dead letters),
         * deleted by time: records up to {@link Topic#LARGE_RECORD_BYTES} are accepted, so an oversized snippet
         * reaches the gateway and is dead-lettered with its reason instead of vanishing in a producer's error log.
         */
        LARGE_EVENTS,
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
        } else if (retention == Retention.LARGE_EVENTS) {
            topic.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(LARGE_RECORD_BYTES)));
        }
        return topic;
    }
}
