package dev.sift.schema.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientConfigTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"gateway\" password=\"secret\";";

    @Test
    void shouldTakeKafkaSecuritySettingsFromTheEnvironmentAsContainersSetThem() {
        // Given security settings as a container's environment variables, and unrelated ones
        Map<String, String> environment = Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "PLAIN", "KAFKA_SASL_JAAS_CONFIG", JAAS,
                "KAFKA_STREAMS_DEFAULT_NUM_STANDBY_REPLICAS", "1", "KAFKA_HOME", "/opt/kafka", "PATH", "/bin");

        // When the client settings are made
        Map<String, Object> config = KafkaClientConfig.of(Map.of("client.id", "gw"), "broker:9092", environment,
                new Properties());

        // Then every client setting of the environment is there, and nothing else of it
        assertThat(config).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", JAAS).containsEntry("client.id", "gw")
                .containsEntry("bootstrap.servers", "broker:9092")
                .doesNotContainKeys("home", "streams.default.num.standby.replicas", "path");
    }

    @Test
    void shouldLetASystemPropertyWinOverTheEnvironmentAndTheEnvironmentOverTheFiles() {
        Properties system = new Properties();
        system.setProperty("kafka.security.protocol", "SSL");

        Map<String, Object> config = KafkaClientConfig.of(
                Map.of("security.protocol", "SSL", "sasl.mechanism", "SCRAM-SHA-512"), "b:9092",
                Map.of("KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN"), system);

        assertThat(config).containsEntry("security.protocol", "SSL").containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void shouldTakeOneClientsOwnPrincipalFromItsSectionAndVariablesOnly() {
        // Given the ops writer's principal in its section and as a variable, beside the gateway's own variables
        String opsJaas = JAAS.replace("gateway", "ops-api");
        Map<String, String> environment = Map.of("SIFT_OPS_KAFKA_SASL_JAAS_CONFIG", opsJaas,
                "KAFKA_SASL_JAAS_CONFIG", JAAS, "SIFT_OPS_TOKEN", "not-kafka");

        // When its overrides are read
        Map<String, Object> overrides = KafkaClientConfig.overrides(
                Map.of("sasl.mechanism", "PLAIN", "not.a.setting", "x"), "SIFT_OPS_KAFKA_", "sift.ops.kafka",
                environment, new Properties());

        // Then only its own Kafka settings are there
        assertThat(overrides).containsOnly(Map.entry("sasl.mechanism", "PLAIN"),
                Map.entry("sasl.jaas.config", opsJaas));
    }
}
