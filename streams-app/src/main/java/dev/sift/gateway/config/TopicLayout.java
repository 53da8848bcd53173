package dev.sift.gateway.config;

import dev.sift.schema.topic.Topics;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snippets topic's partition count as the cluster has it (a topic created earlier may have another count than
 * {@code sift.topics.partitions}): what a fleet-wide budget is split by. Read once, at the first question, when the
 * streams run and the topic exists; the configured count stands in if the cluster cannot tell.
 */
@Singleton
public class TopicLayout {

    private static final Logger LOG = LoggerFactory.getLogger(TopicLayout.class);

    private final Topics topics;
    private final TopicsConfig config;
    private final KafkaClientSettings kafka;
    private volatile Integer snippets;

    /**
     * @param topics topic registry
     * @param config topic settings (the configured partition count)
     * @param kafka Kafka client settings
     */
    public TopicLayout(Topics topics, TopicsConfig config, KafkaClientSettings kafka) {
        this.topics = topics;
        this.config = config;
        this.kafka = kafka;
    }

    /** @return partitions of the snippets topic */
    public int snippets() {
        Integer known = snippets;
        if (known == null) {
            synchronized (this) {
                if (snippets == null) {
                    snippets = describe();
                }
                known = snippets;
            }
        }
        return known;
    }

    private int describe() {
        Properties props = new Properties();
        props.putAll(kafka.asMap());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        String name = topics.snippets().name();
        try (Admin admin = Admin.create(props)) {
            return admin.describeTopics(List.of(name)).allTopicNames().get(20, TimeUnit.SECONDS).get(name)
                    .partitions().size();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("cannot read the partitions of {} ({}); taking the configured {}", name, e.getMessage(),
                    config.getPartitions());
            return config.getPartitions();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return config.getPartitions();
        }
    }
}
