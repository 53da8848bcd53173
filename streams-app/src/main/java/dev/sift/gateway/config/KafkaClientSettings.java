package dev.sift.gateway.config;

import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka client settings every client the gateway opens besides Kafka Streams needs (bootstrap servers,
 * security): the {@code kafka.*} properties, without Micronaut's own sub-sections.
 */
@Singleton
public class KafkaClientSettings {

    private static final Set<String> SECTIONS = Set.of("streams", "consumers", "producers", "health", "embedded",
            "bootstrap");

    private final Map<String, Object> settings;

    /**
     * @param environment the application environment
     */
    public KafkaClientSettings(Environment environment) {
        Map<String, Object> out = new LinkedHashMap<>();
        environment.getProperties("kafka", StringConvention.RAW).forEach((key, value) -> {
            String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!SECTIONS.contains(section) && value != null) {
                out.put(key, value.toString());
            }
        });
        out.put("bootstrap.servers", environment.getProperty("kafka.bootstrap.servers", String.class)
                .orElse("localhost:9092"));
        this.settings = Map.copyOf(out);
    }

    /** @return a new mutable copy of the settings */
    public Map<String, Object> asMap() {
        return new LinkedHashMap<>(settings);
    }
}
