package dev.sift.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.localkafka.GatewayProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container assets have the agreed structure, checked here because no Docker engine runs in CI (where one does,
 * {@code docker compose config} validates the compose file too).
 */
class DockerAssetsTest {

    private static final Path DOCKER = Path.of("..", "docker");

    @Test
    void shouldDescribeAThreeNodeKraftClusterTwoGatewaysModelOpsAndALoadGenerator() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(DOCKER.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = map(compose.get("services"));

        assertThat(services).containsKeys("kafka-1", "kafka-2", "kafka-3", "gateway-1", "gateway-2", "model-ops",
                "loadgen");
        for (String node : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, Object> env = map(services.get(node).get("environment"));
            assertThat(env.get("KAFKA_PROCESS_ROLES").toString()).contains("broker").contains("controller");
            assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS").toString().split(",")).hasSize(3);
            assertThat(env.get("KAFKA_DEFAULT_REPLICATION_FACTOR")).isEqualTo("3");
            assertThat(env.get("KAFKA_MIN_INSYNC_REPLICAS")).isEqualTo("2");
            assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo("3");
        }
        assertThat(map(services.get("kafka-1").get("environment")).get("CLUSTER_ID"))
                .isEqualTo(map(services.get("kafka-3").get("environment")).get("CLUSTER_ID"));
        for (String gateway : List.of("gateway-1", "gateway-2")) {
            Map<String, Object> service = services.get(gateway);
            Map<String, Object> env = map(service.get("environment"));
            assertThat(map(service.get("build")).get("dockerfile")).isEqualTo("docker/streams-app.Dockerfile");
            assertThat(env.get("SIFT_APPLICATION_ID")).isEqualTo("sift-gateway");
            assertThat(env.get("KAFKA_STREAMS_DEFAULT_NUM_STANDBY_REPLICAS")).isEqualTo("1");
            assertThat(env.get("SIFT_TOPICS_REPLICATION_FACTOR")).isEqualTo("3");
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS").toString().split(",")).hasSize(3);
        }
        assertThat(map(services.get("model-ops").get("build")).get("dockerfile"))
                .isEqualTo("docker/model-ops.Dockerfile");
        for (Map<String, Object> service : services.values()) {
            if (service.get("build") != null) {
                String dockerfile = map(service.get("build")).get("dockerfile").toString();
                assertThat(DOCKER.resolve("..").resolve(dockerfile)).exists();
            }
        }
    }

    @Test
    void shouldBuildSmallNonRootImagesWithAHealthCheckAndTheModelInside() throws IOException {
        for (String name : List.of("streams-app.Dockerfile", "model-ops.Dockerfile")) {
            List<String> lines = Arrays.asList(Files.readString(DOCKER.resolve(name)).split("\n"));
            List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
            assertThat(froms).as(name + ": multi-stage").hasSize(2);
            assertThat(froms.get(0)).contains("AS build");
            assertThat(froms.get(1)).as(name + ": JRE 17 runtime").isEqualTo("FROM eclipse-temurin:17-jre");
            List<String> runtime = lines.subList(lines.indexOf(froms.get(1)), lines.size());
            assertThat(runtime).as(name + ": non-root").anySatisfy(l -> assertThat(l).matches("USER (?!root).+"));
            assertThat(runtime).as(name + ": health check").anySatisfy(l -> assertThat(l).startsWith("HEALTHCHECK"));
            assertThat(String.join("\n", runtime)).as(name + ": JVM flags for small boxes")
                    .contains("-XX:+UseSerialGC").contains("-Xmx");
            if (name.equals("streams-app.Dockerfile")) {
                // The flags the benchmarks measured and the broker tests run every gateway with.
                assertThat(String.join("\n", runtime)).as(name + ": recommended gateway flags")
                        .contains("JAVA_TOOL_OPTIONS=\"" + String.join(" ", GatewayProcess.RECOMMENDED_JVM_OPTIONS))
                        .contains("MALLOC_ARENA_MAX=" + GatewayProcess.RECOMMENDED_ENVIRONMENT.get("MALLOC_ARENA_MAX"));
            }
            assertThat(String.join("\n", lines.subList(0, lines.indexOf(froms.get(1))))).as(name + ": model built in")
                    .contains("build-default");
            String entrypoint = runtime.stream().filter(l -> l.startsWith("ENTRYPOINT") || l.startsWith("CMD "))
                    .reduce("", String::concat);
            assertThat(entrypoint).as(name + ": no download at start").doesNotContain("build-default")
                    .doesNotContain("curl").doesNotContain("wget");
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return (Map<String, V>) value;
    }
}
