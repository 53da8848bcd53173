package dev.sift.schema.topic;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Sift's topics when they do not exist yet (idempotent), with the partition count and replication factor
 * of the deployment.
 */
public final class TopicProvisioner {

    private final Map<String, Object> adminConfig;

    /**
     * @param adminConfig Kafka admin client settings (bootstrap servers, security)
     */
    public TopicProvisioner(Map<String, Object> adminConfig) {
        this.adminConfig = Map.copyOf(adminConfig);
    }

    /**
     * Creates the missing topics.
     *
     * @param topics topics to create
     * @param partitions partitions of event topics (compacted topics get one partition per key space too)
     * @param replicationFactor replication factor
     * @return the names of topics that were created now
     */
    public Set<String> ensure(List<Topic<?, ?>> topics, int partitions, short replicationFactor) {
        Properties props = new Properties();
        props.putAll(adminConfig);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> t.newTopic(partitions, replicationFactor))
                    .toList();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            return missing.stream().map(NewTopic::name).collect(java.util.stream.Collectors.toSet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to create topics: " + e.getMessage(), e);
        }
    }
}
