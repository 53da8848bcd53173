package dev.sift.gateway.config;

import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import io.micronaut.configuration.kafka.streams.event.BeforeKafkaStreamStart;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates missing topics before the streams start, when {@code sift.topics.create} is true, and warns when a topic of
 * untrusted input accepts larger records than Sift creates it with.
 */
@Singleton
public class TopicBootstrap implements ApplicationEventListener<BeforeKafkaStreamStart> {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    private final TopicsConfig config;
    private final Topics topics;
    private final KafkaClientSettings kafka;

    /**
     * @param config topic settings
     * @param topics topic registry
     * @param kafka Kafka client settings
     */
    public TopicBootstrap(TopicsConfig config, Topics topics, KafkaClientSettings kafka) {
        this.config = config;
        this.topics = topics;
        this.kafka = kafka;
    }

    @Override
    public void onApplicationEvent(BeforeKafkaStreamStart event) {
        TopicProvisioner provisioner = new TopicProvisioner(kafka.asMap());
        if (config.isCreate()) {
            Set<String> created = provisioner.ensure(topics.all(), config.getPartitions(),
                    config.getReplicationFactor());
            if (!created.isEmpty()) {
                LOG.info("created topics {}", created);
            }
        }
        provisioner.looseRecordLimits(topics.all()).forEach(LOG::warn);
    }
}
