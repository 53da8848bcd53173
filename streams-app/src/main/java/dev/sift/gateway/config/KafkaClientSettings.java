package dev.sift.gateway.config;

import dev.sift.schema.topic.KafkaClientConfig;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client settings every client the gateway opens besides Kafka Streams needs (bootstrap servers,
 * security): the {@code kafka.*} properties, without Micronaut's own sub-sections.
 */
@Singleton
public class KafkaClientSettings {

    private final Map<String, Object> settings;

    /**
     * @param environment the application environment
     */
    public KafkaClientSettings(Environment environment) {
        this.settings = Map.copyOf(KafkaClientConfig.of(environment.getProperties("kafka", StringConvention.RAW),
                environment.getProperty("kafka.bootstrap.servers", String.class).orElse("localhost:9092")));
    }

    /** @return a new mutable copy of the settings */
    public Map<String, Object> asMap() {
        return new LinkedHashMap<>(settings);
    }
}
