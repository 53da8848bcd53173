package dev.sift.schema.kafka;

import dev.sift.schema.topic.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates Sift's topics when they do not exist yet (idempotent), with the partition count and replication factor
 * of the deployment, and returns once the leader of every partition of a created topic serves it: a producer that
 * starts right after is not refused while the brokers are still taking the new partitions on.
 */
public final class TopicProvisioner {

    /** Longest wait for the partitions of created topics to be served by their leader. */
    static final Duration LEADER_WAIT = Duration.ofSeconds(30);

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
            Set<String> created = new TreeSet<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey() + ": "
                                + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitServing(admin, created);
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka to create topics: " + e.getMessage(), e);
        }
    }

    /**
     * Finds topics of untrusted input that accept larger records than Sift creates them with (a snippets topic made by
     * an older release, or by hand): such records cost a gateway's heap before its own checks run.
     *
     * @param topics the deployment's topics
     * @return one warning per such topic, naming the setting to lower; empty when all are tight or cannot be read
     *     (a principal without the right to describe topic configurations)
     */
    public List<String> looseRecordLimits(List<Topic<?, ?>> topics) {
        List<ConfigResource> untrusted = topics.stream()
                .filter(t -> t.retention() == Topic.Retention.UNTRUSTED_EVENTS)
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
                .toList();
        Properties props = new Properties();
        props.putAll(adminConfig);
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
        List<String> warnings = new ArrayList<>();
        try (Admin admin = Admin.create(props)) {
            for (var entry : admin.describeConfigs(untrusted).values().entrySet()) {
                try {
                    ConfigEntry limit = entry.getValue().get(30, TimeUnit.SECONDS)
                            .get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                    if (limit != null && limit.value() != null
                            && Long.parseLong(limit.value()) > Topic.SNIPPET_RECORD_BYTES) {
                        String topic = entry.getKey().name();
                        warnings.add("topic " + topic + " accepts records of up to " + limit.value() + " bytes;"
                                + " Sift creates it with " + Topic.SNIPPET_RECORD_BYTES + ": lower it with"
                                + " kafka-configs.sh --alter --entity-type topics --entity-name " + topic
                                + " --add-config " + TopicConfig.MAX_MESSAGE_BYTES_CONFIG + "="
                                + Topic.SNIPPET_RECORD_BYTES);
                    }
                } catch (ExecutionException | TimeoutException | NumberFormatException e) {
                    // Not readable by this principal, or not there: nothing to warn about from here.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return warnings;
    }

    /**
     * Waits until the leader of every partition of the topics serves it. The partition leader in the metadata is not
     * enough: a broker publishes the new metadata before its replica manager takes the partition on, and an idempotent
     * producer whose first batch is refused in between while a later one is accepted retries that first batch as
     * out of order until its delivery timeout. A partition whose latest offset can be listed is served.
     */
    private static void awaitServing(Admin admin, Set<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Instant deadline = Instant.now().plus(LEADER_WAIT);
        long pauseMillis = 20;
        Set<String> waiting = new TreeSet<>(topics);
        while (!waiting.isEmpty()) {
            waiting.removeIf(topic -> isServed(admin, topic));
            if (waiting.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("created topics are still not served by a leader after "
                        + LEADER_WAIT.toSeconds() + " s: " + waiting);
            }
            // Brokers take new partitions on within milliseconds; the pause keeps a slow cluster from being polled in
            // a tight loop.
            Thread.sleep(pauseMillis);
            pauseMillis = Math.min(pauseMillis * 2, 500);
        }
    }

    private static boolean isServed(Admin admin, String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(15, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
            for (TopicPartitionInfo partition : description.partitions()) {
                if (partition.leader() == null || partition.leader().isEmpty()) {
                    return false;
                }
                partitions.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
            }
            admin.listOffsets(partitions).all().get(15, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                // A principal allowed to create a topic but not to describe it cannot wait for it.
                return true;
            }
            if (e.getCause() instanceof RetriableException) {
                return false;
            }
            throw new IllegalStateException("cannot tell whether topic " + topic + " is served: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
        }
    }
}
