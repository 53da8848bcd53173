package dev.sift.gateway.topology;

import dev.sift.schema.FilterPolicy;
import dev.sift.schema.topic.Topic;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The policies topic as a global table: every gateway instance holds every policy, whatever partitions of the
 * snippets topic it owns, updated within a second of a change, and restored from the topic after a restart.
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
                Materialized.<String, FilterPolicy, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(policies.keySerde()).withValueSerde(policies.valueSerde()));
    }
}
