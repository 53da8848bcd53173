package dev.sift.gateway.config;

import dev.sift.schema.kafka.KafkaClientConfig;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka client settings every client the gateway opens besides Kafka Streams needs (bootstrap servers,
 * security): the {@code kafka.*} properties, without Micronaut's own sub-sections.
 *
 * <p>The ops API writes policies as its own principal where Kafka authorizes clients: {@code sift.ops.kafka.*}
 * settings (and {@code SIFT_OPS_KAFKA_*} variables) override the gateway's for that writer only.
 */
@Singleton
public class KafkaClientSettings {

    /** The configuration section whose settings override the gateway's for the policy writer. */
    public static final String OPS_SECTION = "sift.ops.kafka";

    private final Map<String, Object> settings;
    private final Map<String, Object> opsOverrides;

    /**
     * @param environment the application environment
     */
    public KafkaClientSettings(Environment environment) {
        this.settings = Map.copyOf(KafkaClientConfig.of(environment.getProperties("kafka", StringConvention.RAW),
                environment.getProperty("kafka.bootstrap.servers", String.class).orElse("localhost:9092")));
        this.opsOverrides = Map.copyOf(KafkaClientConfig.overrides(
                environment.getProperties(OPS_SECTION, StringConvention.RAW), "SIFT_OPS_KAFKA_", OPS_SECTION));
    }

    /** @return a new mutable copy of the settings */
    public Map<String, Object> asMap() {
        return new LinkedHashMap<>(settings);
    }

    /** @return a new mutable copy of the settings the policy writer uses: these with the ops overrides */
    public Map<String, Object> forPolicyWriter() {
        Map<String, Object> out = asMap();
        out.putAll(opsOverrides);
        return out;
    }
}
