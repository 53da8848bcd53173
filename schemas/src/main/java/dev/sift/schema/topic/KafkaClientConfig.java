package dev.sift.schema.topic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The Kafka client settings every plain client of a Sift application needs (bootstrap servers and security: SASL,
 * TLS), from the application's {@code kafka.*} configuration section without Micronaut's own sub-sections.
 */
public final class KafkaClientConfig {

    private static final Set<String> MICRONAUT_SECTIONS = Set.of("streams", "consumers", "producers", "health",
            "embedded", "bootstrap");

    private KafkaClientConfig() {
    }

    /**
     * @param kafkaSection the {@code kafka.*} properties, keys without the {@code kafka.} prefix, raw (dotted) names
     * @param bootstrapServers the bootstrap servers
     * @return client settings: every Kafka setting of the section, as strings, and the bootstrap servers
     */
    public static Map<String, Object> of(Map<String, Object> kafkaSection, String bootstrapServers) {
        Map<String, Object> out = new LinkedHashMap<>();
        kafkaSection.forEach((key, value) -> {
            String section = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (!MICRONAUT_SECTIONS.contains(section) && value != null) {
                out.put(key, value.toString());
            }
        });
        out.put("bootstrap.servers", bootstrapServers);
        return out;
    }
}
