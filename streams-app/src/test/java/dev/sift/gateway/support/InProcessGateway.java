package dev.sift.gateway.support;

import dev.sift.gateway.EmbeddedGateway;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.schema.topic.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Starts the gateway inside the test JVM on a broker, with the default model and the given topic names. */
public final class InProcessGateway {

    private InProcessGateway() {
    }

    /**
     * @param broker the broker
     * @param names topic names
     * @param applicationId Kafka Streams application id
     * @param work folder for state
     * @param overrides extra configuration
     * @return the running gateway
     */
    public static EmbeddedGateway start(LocalKafkaBroker broker, TopicNames names, String applicationId, Path work,
            Map<String, Object> overrides) {
        return start(broker.bootstrapServers(), names, applicationId, work, overrides);
    }

    /**
     * @param bootstrapServers any Kafka cluster
     * @param names topic names
     * @param applicationId Kafka Streams application id
     * @param work folder for state
     * @param overrides extra configuration
     * @return the running gateway
     */
    public static EmbeddedGateway start(String bootstrapServers, TopicNames names, String applicationId, Path work,
            Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("kafka.streams.default.application.id", applicationId);
        config.put("kafka.streams.default.state.dir", work.resolve("state-" + applicationId).toString());
        config.put("sift.model.bundle", TestBundles.defaultBundle().directory().toString());
        config.put("micronaut.server.port", -1);
        names.asProperties().forEach((key, name) -> config.put("sift.topics." + key, name));
        config.putAll(overrides);
        return EmbeddedGateway.start(config, Duration.ofMinutes(1));
    }

    /**
     * @param prefix a prefix isolating one test's topics
     * @return the default names with the prefix
     */
    public static TopicNames prefixed(String prefix) {
        return TopicNames.defaults().prefixed(prefix);
    }

    /** @return extra configuration enabling changes with the test token */
    public static Map<String, Object> withToken(String token) {
        return Map.of("sift.ops.token", token);
    }
}
