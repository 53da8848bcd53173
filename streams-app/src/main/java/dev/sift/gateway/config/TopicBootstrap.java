package dev.sift.gateway.config;

import dev.sift.schema.topic.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import io.micronaut.configuration.kafka.streams.event.BeforeKafkaStreamStart;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates missing topics before the streams start, when {@code sift.topics.create} is true. */
@Singleton
public class TopicBootstrap implements ApplicationEventListener<BeforeKafkaStreamStart> {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    private final TopicsConfig config;
    private final Topics topics;
    private final String bootstrapServers;

    /**
     * @param config topic settings
     * @param topics topic registry
     * @param bootstrapServers Kafka bootstrap servers
     */
    public TopicBootstrap(TopicsConfig config, Topics topics,
            @Value("${kafka.bootstrap.servers}") String bootstrapServers) {
        this.config = config;
        this.topics = topics;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public void onApplicationEvent(BeforeKafkaStreamStart event) {
        if (!config.isCreate()) {
            return;
        }
        Map<String, Object> admin = new java.util.HashMap<>();
        admin.put("bootstrap.servers", bootstrapServers);
        Set<String> created = new TopicProvisioner(admin).ensure(topics.all(), config.getPartitions(),
                config.getReplicationFactor());
        if (!created.isEmpty()) {
            LOG.info("created topics {}", created);
        }
    }
}
