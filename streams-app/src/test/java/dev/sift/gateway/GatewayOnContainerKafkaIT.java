package dev.sift.gateway;

import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The same end-to-end scenarios as {@link GatewayIT}, on Kafka in a container (Testcontainers), where a Docker
 * engine runs; reported as skipped where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
class GatewayOnContainerKafkaIT extends GatewayScenarios {

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.1");

    @BeforeAll
    static void buildModelAndConnect() {
        bundle = DefaultBundle.ensure(Progress.NONE);
        kafka = new KafkaTestClient(config());
    }

    @Override
    protected Map<String, Object> clientConfig() {
        return config();
    }

    private static Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
        return config;
    }
}
