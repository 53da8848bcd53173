package dev.sift.gateway.config;

import dev.sift.schema.topic.TopicNames;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;

/**
 * {@code sift.topics.*}: topic names (one key per {@link dev.sift.schema.topic.TopicRole}, defaults there), and how
 * the gateway creates missing topics at start ({@code create}, {@code partitions}, {@code replication-factor}).
 */
@Singleton
public class TopicsConfig {

    private final TopicNames names;
    private final boolean create;
    private final int partitions;
    private final short replicationFactor;

    /**
     * @param environment the application environment
     */
    public TopicsConfig(Environment environment) {
        this.names = TopicNames.from(environment.getProperties("sift.topics", StringConvention.RAW));
        this.create = environment.getProperty("sift.topics.create", Boolean.class).orElse(true);
        this.partitions = environment.getProperty("sift.topics.partitions", Integer.class).orElse(6);
        this.replicationFactor = environment.getProperty("sift.topics.replication-factor", Short.class)
                .orElse((short) 1);
    }

    /** @return the configured names */
    public TopicNames toNames() {
        return names;
    }

    /** @return whether missing topics are created at start */
    public boolean isCreate() {
        return create;
    }

    /** @return partitions of created topics */
    public int getPartitions() {
        return partitions;
    }

    /** @return replication factor of created topics */
    public short getReplicationFactor() {
        return replicationFactor;
    }
}
