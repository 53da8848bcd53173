package dev.sift.gateway.policy;

import dev.sift.schema.FilterPolicy;
import dev.sift.schema.topic.Topic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.Stores;

/**
 * The policies topic as a global table: every gateway instance holds every policy, whatever partitions of the
 * snippets topic it owns, updated within a second of a change, and restored from the topic after a restart.
 *
 * <p>In memory, not in RocksDB: policies are a few kilobytes per tenant on a compacted topic, so rebuilding the store
 * from it at start takes moments, while RocksDB would load its native library and allocate its own buffers in a
 * process that has 300 MB for everything on a 2-core gateway.
 */
public final class PolicyTable {

    /** Name of the global store holding the policies, by policy id. */
    public static final String STORE = "sift-policies";

    private PolicyTable() {
    }

    /**
     * @param builder the streams builder
     * @param policies the policies topic
     */
    public static void register(StreamsBuilder builder, Topic<String, FilterPolicy> policies) {
        builder.globalTable(policies.name(), Consumed.with(policies.keySerde(), policies.valueSerde())
                        .withName("read-policies"),
                Materialized.<String, FilterPolicy>as(Stores.inMemoryKeyValueStore(STORE))
                        .withKeySerde(policies.keySerde()).withValueSerde(policies.valueSerde()));
    }
}
