package dev.sift.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.localkafka.GatewayProcess;
import dev.sift.modelops.service.ModelOpsService;
import dev.sift.schema.acl.AclScope;
import dev.sift.schema.acl.KafkaAclsScript;
import dev.sift.schema.acl.RoleGrant;
import dev.sift.schema.acl.SiftRole;
import dev.sift.schema.topic.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The container assets have the agreed structure and are safe by default, checked here because no Docker engine runs
 * in CI (where one does, {@code docker compose config} validates the compose file too): no secret has a default, the
 * release signing key stays with model-ops, every variable names a setting its application has, every Kafka client
 * authenticates as its own principal, and the cluster's ACLs are SiftAcls'.
 */
class DockerAssetsTest {

    private static final Path DOCKER = Path.of("..", "docker");
    private static final Path COMPOSE = DOCKER.resolve("docker-compose.yml");
    private static final List<String> GATEWAYS = List.of("gateway-1", "gateway-2");
    private static final String ADMIN = "admin";
    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME:?message}} in a compose file. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z0-9_]+)([^}]*)}");
    private static final Pattern SECRET = Pattern.compile("TOKEN|PASSWORD|SECRET");
    private static final Pattern JAAS_LOGIN = Pattern.compile(
            "username=\"([^\"]+)\" password=\"\\$\\{([A-Z0-9_]+):\\?[^}]*}\";");

    @Test
    void shouldDescribeAThreeNodeKraftClusterTwoGatewaysModelOpsAndALoadGenerator() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
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

    @Test
    void shouldNotStartWithoutItsSecretsAndHoldNoneOfThem() throws IOException {
        // Every secret the file interpolates is required: compose refuses to start without it, no default stands in
        Matcher reference = INTERPOLATION.matcher(Files.readString(COMPOSE));
        List<String> secrets = new ArrayList<>();
        while (reference.find()) {
            if (SECRET.matcher(reference.group(1)).find()) {
                secrets.add(reference.group(1));
                assertThat(reference.group(2)).as(reference.group()).startsWith(":?");
            }
        }
        assertThat(secrets).contains("SIFT_OPS_TOKEN", "SIFT_MODEL_OPS_TOKEN", "SIFT_KAFKA_ADMIN_PASSWORD");
        // And every secret setting of a service is such a reference, never a value
        services().forEach((name, service) -> environment(service).forEach((key, value) -> {
            if (SECRET.matcher(key).find()) {
                assertThat(value).as(name + " " + key).startsWith("${" + key + ":?");
            }
        }));
        for (String gateway : GATEWAYS) {
            assertThat(environment(services().get(gateway))).containsKey("SIFT_OPS_TOKEN");
        }
        assertThat(environment(services().get("model-ops"))).containsKey("SIFT_MODEL_OPS_TOKEN");
    }

    @Test
    void shouldKeepTheReleaseSigningKeyWhereModelOpsSignsAndOnlyItsPublicHalfInTheGateways() {
        // Given the volume the key-making service writes the key pair to
        Map<String, Map<String, Object>> services = services();
        String keygen = entrypoint(services.get("keys"));
        Matcher out = Pattern.compile("keygen --out (\\S+?)[;\\s]").matcher(keygen);
        assertThat(out.find()).as(keygen).isTrue();
        String signingVolume = mounts(services.get("keys")).stream().filter(m -> m.target().equals(out.group(1)))
                .findFirst().orElseThrow().source();

        // Then only the key maker and model-ops mount it, model-ops read-only, and model-ops signs with it
        services.forEach((name, service) -> {
            if (mounts(service).stream().anyMatch(m -> m.source().equals(signingVolume))) {
                assertThat(name).as("mounts the signing key").isIn("keys", "model-ops");
            }
            if (!name.equals("model-ops")) {
                assertThat(environment(service)).as(name).doesNotContainKey("SIFT_SIGNING_KEY");
            }
        });
        Mount signing = mounts(services.get("model-ops")).stream().filter(m -> m.source().equals(signingVolume))
                .findFirst().orElseThrow();
        assertThat(signing.readOnly()).isTrue();
        assertThat(environment(services.get("model-ops")).get("SIFT_SIGNING_KEY")).startsWith(signing.target() + "/");

        // And the gateways trust public keys from a read-only volume that only ever receives .pub files
        for (String gateway : GATEWAYS) {
            for (String trusted : environment(services.get(gateway)).get("SIFT_RELEASES_TRUSTED_KEYS").split(",")) {
                Mount mount = mounts(services.get(gateway)).stream().filter(m -> trusted.startsWith(m.target() + "/"))
                        .findFirst().orElseThrow(() -> new AssertionError(gateway + ": " + trusted + " not mounted"));
                assertThat(mount.readOnly()).as(gateway + " " + mount).isTrue();
                assertThat(mount.source()).isNotEqualTo(signingVolume);
                assertThat(trusted).endsWith(".pub");
                Mount written = mounts(services.get("keys")).stream()
                        .filter(m -> m.source().equals(mount.source())).findFirst().orElseThrow();
                Matcher paths = Pattern.compile(Pattern.quote(written.target()) + "[^\\s;\"]*").matcher(keygen);
                while (paths.find()) {
                    assertThat(paths.group()).as("written to the gateways' key volume").endsWith(".pub");
                }
            }
        }
    }

    @Test
    void shouldSetOnlySettingsTheApplicationsHave() {
        // Given what each application can be configured with
        ApplicationSettings gateway = ApplicationSettings.of(GatewayApplication.class, "application.yml",
                ModelOpsService.class);
        ApplicationSettings modelOps = ApplicationSettings.of(ModelOpsService.class, "application-model-ops.yml",
                GatewayApplication.class);
        Map<String, ApplicationSettings> byDockerfile = Map.of("docker/streams-app.Dockerfile", gateway,
                "docker/model-ops.Dockerfile", modelOps, "docker/loadgen.Dockerfile", ApplicationSettings.kafkaClient());

        // Then every variable of every Sift service names one of its application's settings (a typo is ignored
        // silently at run time)
        services().forEach((name, service) -> {
            if (service.get("build") != null && service.get("entrypoint") == null) {
                ApplicationSettings settings = byDockerfile.get(map(service.get("build")).get("dockerfile"));
                environment(service).keySet().forEach(variable -> assertThat(settings.names(variable))
                        .as(name + ": " + variable + " is no setting of " + settings).isTrue());
            }
        });
        // And the Kafka nodes' own variables are those their start script reads
        String scripts = script("node.sh") + script("admin-client.sh");
        for (String node : List.of("kafka-1", "kafka-2", "kafka-3", "kafka-acls")) {
            environment(services().get(node)).keySet().stream().filter(v -> v.startsWith("SIFT_"))
                    .forEach(variable -> assertThat(scripts).as(node + ": " + variable).contains("${" + variable));
        }
    }

    @Test
    void shouldAuthenticateEveryKafkaClientAndAuthorizeItWithAcls() {
        Map<String, Map<String, Object>> services = services();
        for (String node : List.of("kafka-1", "kafka-2", "kafka-3")) {
            Map<String, String> env = environment(services.get(node));
            for (String listener : env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(",")) {
                assertThat(listener.split(":")[1]).as(node + " " + listener).startsWith("SASL_");
            }
            assertThat(env).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME",
                    "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                    .containsEntry("KAFKA_SUPER_USERS", "User:" + ADMIN)
                    .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
        }
        // Every Sift client logs in as its own user, with its own password, which the nodes accept
        String nodeScript = script("node.sh");
        Map<String, String> users = new java.util.HashMap<>();
        for (String client : List.of("gateway-1", "gateway-2", "model-ops", "loadgen")) {
            Map<String, String> env = environment(services.get(client));
            assertThat(env.get("KAFKA_SECURITY_PROTOCOL")).as(client).startsWith("SASL_");
            Login login = login(env);
            assertThat(login.password()).isEqualTo("SIFT_KAFKA_" + login.user().toUpperCase(Locale.ROOT)
                    + "_PASSWORD");
            assertThat(nodeScript).contains("user_" + login.user() + "=\"${" + login.password() + ":?}\"");
            assertThat(environment(services.get("kafka-1"))).containsKey(login.password());
            users.put(client, login.user());
        }
        assertThat(users.get("gateway-1")).isEqualTo(users.get("gateway-2"));
        // And the gateways' ops API writes policies as a user of its own
        for (String gateway : GATEWAYS) {
            Login ops = login(environment(services.get(gateway)), "SIFT_OPS_KAFKA_SASL_JAAS_CONFIG");
            assertThat(ops.password()).isEqualTo("SIFT_KAFKA_" + ops.user().toUpperCase(Locale.ROOT) + "_PASSWORD");
            assertThat(nodeScript).contains("user_" + ops.user() + "=\"${" + ops.password() + ":?}\"");
            assertThat(environment(services.get("kafka-1"))).containsKey(ops.password());
            users.put("ops-api", ops.user());
        }
        assertThat(Set.of(users.get("gateway-1"), users.get("ops-api"), users.get("model-ops"), users.get("loadgen"),
                ADMIN)).hasSize(5);
        // And they start once the ACLs are in place
        for (String client : List.of("gateway-1", "gateway-2", "model-ops")) {
            assertThat(map(map(services.get(client).get("depends_on")).get("kafka-acls")))
                    .containsEntry("condition", "service_completed_successfully");
        }
    }

    @Test
    void shouldApplyTheAclsSiftAclsComputesForItsPrincipals() {
        // Given the principals the services log in as
        Map<String, Map<String, Object>> services = services();
        String gateway = "User:" + login(environment(services.get("gateway-1"))).user();
        List<RoleGrant> grants = List.of(
                new RoleGrant(SiftRole.PLATFORM, "User:" + login(environment(services.get("loadgen"))).user()),
                new RoleGrant(SiftRole.GATEWAY, gateway),
                new RoleGrant(SiftRole.OPS_API, "User:" + login(environment(services.get("gateway-1")),
                        "SIFT_OPS_KAFKA_SASL_JAAS_CONFIG").user()),
                new RoleGrant(SiftRole.MODEL_OPS, "User:" + login(environment(services.get("model-ops"))).user()));
        AclScope scope = new AclScope(TopicNames.defaults(),
                environment(services.get("gateway-1")).get("SIFT_APPLICATION_ID"),
                AclScope.DEFAULT_PLATFORM_GROUP_PREFIX);

        // Then the ACL script the cluster runs is SiftAcls' for them
        assertThat(script("sift-acls.sh")).as("regenerate: java -jar ops-cli/target/sift-ops.jar acls "
                + grants.stream().map(g -> "--" + g.role().label() + " " + g.principal())
                        .collect(java.util.stream.Collectors.joining(" ")) + " > docker/kafka/sift-acls.sh")
                .isEqualTo(KafkaAclsScript.render(scope, grants));
        assertThat(entrypoint(services.get("kafka-acls"))).contains("/opt/sift/sift-acls.sh");
    }

    @Test
    void shouldPublishHttpPortsOnThisHostOnly() {
        services().forEach((name, service) -> {
            List<Object> ports = service.get("ports") == null ? List.of() : list(service.get("ports"));
            ports.forEach(port -> assertThat(port.toString()).as(name).startsWith("127.0.0.1:"));
        });
    }

    private static Map<String, Map<String, Object>> services() {
        try {
            Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
            return map(compose.get("services"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (service.get("environment") != null) {
            map(service.get("environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        }
        return env;
    }

    private static String entrypoint(Map<String, Object> service) {
        return list(service.get("entrypoint")).stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining(" "));
    }

    private static List<Mount> mounts(Map<String, Object> service) {
        if (service.get("volumes") == null) {
            return List.of();
        }
        return list(service.get("volumes")).stream().map(v -> {
            String[] parts = v.toString().split(":");
            return new Mount(parts[0], parts[1], parts.length > 2 && parts[2].equals("ro"));
        }).toList();
    }

    private static Login login(Map<String, String> env) {
        return login(env, "KAFKA_SASL_JAAS_CONFIG");
    }

    private static Login login(Map<String, String> env, String variable) {
        Matcher m = JAAS_LOGIN.matcher(env.getOrDefault(variable, ""));
        assertThat(m.find()).as("a JAAS login with a required password: " + env.get(variable)).isTrue();
        return new Login(m.group(1), m.group(2));
    }

    private static String script(String name) {
        try {
            return Files.readString(DOCKER.resolve("kafka").resolve(name));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A volume mounted into a service. */
    private record Mount(String source, String target, boolean readOnly) {
    }

    /** A Kafka user and the variable holding its password. */
    private record Login(String user, String password) {
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> map(Object value) {
        return (Map<String, V>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
