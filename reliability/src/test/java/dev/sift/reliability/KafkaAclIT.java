package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sift.gateway.support.ExactlyOnce;
import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.Http;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.FreePorts;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.SaslMechanism;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.PolicyChange;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.acl.AclScope;
import dev.sift.schema.acl.RoleGrant;
import dev.sift.schema.acl.SiftAcls;
import dev.sift.schema.acl.SiftRole;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ACLs docs/security.md recommends, proven on a real broker: SASL/SCRAM authentication, KRaft's
 * {@code StandardAuthorizer} with the administrator as the only super user, one principal per part of Sift, and the
 * bindings {@link SiftAcls} computes, applied with the Admin client. Real producers and consumers find out what each
 * principal may do, and the real exactly-once gateway runs under its own principal, configured by environment
 * variables as its container is.
 */
class KafkaAclIT {

    private static final SaslMechanism MECHANISM = SaslMechanism.SCRAM_SHA_512;
    private static final Topics TOPICS = Topics.withDefaultNames();
    private static final Map<SiftRole, String> USERS = Map.of(SiftRole.PLATFORM, "platform",
            SiftRole.GATEWAY, "gateway", SiftRole.OPS_API, "ops-api", SiftRole.MODEL_OPS, "model-ops");
    private static final String STRANGER = "stranger";
    private static final String OPS_TOKEN = "acl-ops-token";

    @TempDir
    static Path dir;

    private static LocalKafkaBroker broker;
    private static final Map<String, String> passwords = new HashMap<>();

    @BeforeAll
    static void startBrokerWithSiftAcls() throws Exception {
        LocalKafkaBroker.Builder builder = LocalKafkaBroker.builder().sasl(MECHANISM, "admin", password("admin"))
                .authorizer();
        for (String user : users()) {
            builder.saslUser(user, password(user));
        }
        broker = builder.build().start();
        List<RoleGrant> grants = USERS.entrySet().stream()
                .map(e -> new RoleGrant(e.getKey(), "User:" + e.getValue())).toList();
        try (Admin admin = Admin.create(broker.clientConfig())) {
            var bindings = SiftAcls.bindings(AclScope.defaults(), grants);
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            awaitAcls(admin, bindings.size());
        }
        // The gateway's principal creates the topics, with the code the gateway runs at start.
        new TopicProvisioner(client(SiftRole.GATEWAY)).ensure(TOPICS.all(), 2, (short) 1);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldLetAPlatformWriteSnippetsAndFeedbackButNothingThatSteersTheFilter() throws Exception {
        Map<String, Object> platform = client(SiftRole.PLATFORM);

        // When the platform writes its own kinds of record, they are accepted
        send(platform, TOPICS.snippets(), "conv-p", Snippets.snippet("platform-1", "conv-p", "hello there"));
        send(platform, TOPICS.feedback(), "platform-1", SnippetFeedback.newBuilder().setSnippetId("platform-1")
                .setIntents(List.of()).build());

        // Then every topic that steers or records the filter refuses its writes
        for (Topic<?, ?> topic : List.of(TOPICS.releases(), TOPICS.policies(), TOPICS.policyAudit(),
                TOPICS.decisions(), TOPICS.llmRequests(), TOPICS.deadLetters())) {
            assertThatThrownBy(() -> sendRaw(platform, topic.name())).as(topic.name())
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldLetAPlatformReadForwardedSnippetsInItsGroupsButNotOtherPlatformsSnippets() {
        Map<String, Object> platform = client(SiftRole.PLATFORM);

        assertThat(poll(platform, TOPICS.llmRequests().name(), "sift-platform-chat")).isNotEmpty();
        assertThatThrownBy(() -> poll(platform, TOPICS.llmRequests().name(), "another-group"))
                .isInstanceOf(GroupAuthorizationException.class);
        assertThatThrownBy(() -> poll(platform, TOPICS.snippets().name(), "sift-platform-chat"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> poll(platform, TOPICS.decisions().name(), "sift-platform-chat"))
                .isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void shouldLetOnlyModelOpsPublishReleases() throws Exception {
        send(client(SiftRole.MODEL_OPS), TOPICS.releases(), "acl-release-0", release("acl-release-0"));

        for (SiftRole role : List.of(SiftRole.PLATFORM, SiftRole.GATEWAY, SiftRole.OPS_API)) {
            assertThatThrownBy(() -> sendRaw(client(role), TOPICS.releases().name())).as(role.label())
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldLetOnlyTheOpsApiWritePoliciesWithTheirAuditInOneTransaction() throws Exception {
        // Given the ops API's principal and a transactional id of the policy writer's
        Properties props = producerProps(client(SiftRole.OPS_API));
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                SiftAcls.POLICY_WRITER_TRANSACTIONAL_ID_PREFIX + "acl-it-" + UUID.randomUUID());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            // When it removes a policy and records the change, as the policy writer does
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(TOPICS.policies().name(), key("acl-tenant"), null));
            producer.send(new ProducerRecord<>(TOPICS.policyAudit().name(), key("acl-tenant"),
                    TOPICS.policyAudit().valueSerde().serializer().serialize(TOPICS.policyAudit().name(),
                            PolicyChange.newBuilder().setPolicyId("acl-tenant").setChangedBy("acl-it")
                                    .setChangedAt(Instant.now()).build())));
            // Then the transaction commits
            producer.commitTransaction();
        }

        // And a transactional id outside the policy writer's prefix is refused
        Properties other = producerProps(client(SiftRole.OPS_API));
        other.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "not-the-policy-writer");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(other)) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
        // And no other principal writes policies
        for (SiftRole role : List.of(SiftRole.PLATFORM, SiftRole.GATEWAY, SiftRole.MODEL_OPS)) {
            assertThatThrownBy(() -> sendRaw(client(role), TOPICS.policies().name())).as(role.label())
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldRefuseAnAuthenticatedPrincipalWithoutARole() {
        Map<String, Object> stranger = broker.clientConfig(STRANGER, password(STRANGER));

        assertThatThrownBy(() -> sendRaw(stranger, TOPICS.snippets().name()))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThatThrownBy(() -> poll(stranger, TOPICS.llmRequests().name(), "sift-platform-x"))
                .isInstanceOfAny(TopicAuthorizationException.class, GroupAuthorizationException.class);
        try (Admin admin = Admin.create(client(SiftRole.PLATFORM))) {
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("sift.rogue", 1, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void shouldRunTheExactlyOnceGatewayUnderItsOwnPrincipal() throws Exception {
        // Given a gateway whose Kafka credentials are those of the gateway principal, set as its container sets them
        Map<String, String> environment = new HashMap<>(GatewayProcess.RECOMMENDED_ENVIRONMENT);
        environment.put("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
        environment.put("KAFKA_SASL_MECHANISM", MECHANISM.kafkaName());
        environment.put("KAFKA_SASL_JAAS_CONFIG", MECHANISM.clientJaas("gateway", password("gateway")));
        // Kafka's health check without the broker configurations, which only a cluster-wide grant could read.
        environment.put("KAFKA_HEALTH_RESTRICTED", "true");
        // And whose ops API writes policies as the ops-api principal
        environment.put("SIFT_OPS_TOKEN", OPS_TOKEN);
        environment.put("SIFT_READ_TOKEN", GatewayFleet.READ_TOKEN);
        environment.put("SIFT_OPS_KAFKA_SASL_JAAS_CONFIG", MECHANISM.clientJaas("ops-api", password("ops-api")));
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("kafka.streams.default.state.dir", dir.resolve("state").toString());
        config.put("sift.releases.cache-dir", dir.resolve("releases").toString());
        config.put("sift.model.unpack-dir", dir.resolve("bundles").toString());
        config.put("sift.model.bundle", TestBundles.defaultBundle().directory().toString());
        config.put("sift.topics.partitions", "2");
        List<String> classpath = Arrays.asList(System.getProperty("java.class.path").split(java.io.File.pathSeparator));
        try (GatewayProcess gateway = new GatewayProcess("gateway-acl", classpath, config, FreePorts.next(),
                dir.resolve("gateway-acl.log"), GatewayProcess.RECOMMENDED_JVM_OPTIONS, environment)) {
            gateway.start(Duration.ofMinutes(3));

            // When a platform sends snippets and model-ops publishes a release (unsigned: to be refused)
            int count = 20;
            try (KafkaProducer<String, ConversationSnippet> producer = new KafkaProducer<>(
                    producerProps(client(SiftRole.PLATFORM)), TOPICS.snippets().keySerde().serializer(),
                    TOPICS.snippets().valueSerde().serializer())) {
                for (int i = 0; i < count; i++) {
                    String conversation = "acl-conv-" + i % 4;
                    producer.send(new ProducerRecord<>(TOPICS.snippets().name(), conversation, Snippets.snippet(
                            "acl-gw-" + i, conversation, i % 2 == 0 ? "I want to cancel my subscription " + i
                                    : "thanks, that is all " + i))).get(30, TimeUnit.SECONDS);
                }
            }
            send(client(SiftRole.MODEL_OPS), TOPICS.releases(), "acl-release-1", release("acl-release-1"));

            // Then each snippet is decided exactly once, in transactions the gateway's principal may write
            List<ConsumerRecord<String, FilterDecision>> decisions = awaitRecords(broker.clientConfig(), null,
                    TOPICS.decisions(), r -> r.value().getSnippetId().startsWith("acl-gw-"), count);
            ExactlyOnce.assertEachDecidedOnce(decisions, count);
            // And the platform reads what was forwarded, in a group of its own
            List<ConsumerRecord<String, LlmRequest>> forwarded = awaitRecords(client(SiftRole.PLATFORM),
                    "sift-platform-llm", TOPICS.llmRequests(),
                    r -> r.value().getSnippet().getSnippetId().startsWith("acl-gw-"), 1);
            assertThat(forwarded).isNotEmpty();
            // And the gateway read the release (and refused it: it is not signed)
            assertThat(awaitRefusal(gateway, "acl-release-1")).isTrue();
            // And a policy change through its ops API is stored under the ops-api principal and comes into force
            Http http = new Http(gateway.httpPort());
            Http.Reply stored = http.send("PUT", "/policies/acl-tenant",
                    "{\"tenant\": \"acl-tenant\", \"defaultThreshold\": 0.7, \"comment\": \"ACL check\"}", OPS_TOKEN);
            assertThat(stored.status()).as(String.valueOf(stored.body())).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/policies/acl-tenant", OPS_TOKEN).status(),
                    status -> status == 200);
            // And nothing the gateway does was denied
            assertThat(Files.readString(gateway.logFile())).doesNotContain("AuthorizationException")
                    .doesNotContain("not authorized").doesNotContain(password("gateway"));
        }
    }

    private static List<String> users() {
        List<String> users = new ArrayList<>(USERS.values());
        users.add(STRANGER);
        return users;
    }

    private static String password(String user) {
        return passwords.computeIfAbsent(user,
                u -> u + "-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12)));
    }

    private static Map<String, Object> client(SiftRole role) {
        return broker.clientConfig(USERS.get(role), password(USERS.get(role)));
    }

    /** ACLs are served by the broker once it has applied the controller's metadata: wait for that. */
    private static void awaitAcls(Admin admin, int expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (admin.describeAcls(AclBindingFilter.ANY).values().get(10, TimeUnit.SECONDS).size() < expected) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the broker did not apply the ACLs within 30 s");
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    private static ModelRelease release(String version) {
        return ModelRelease.newBuilder().setVersion(version).setSequence(System.currentTimeMillis())
                .setBundleUri("file:///nonexistent/" + version + ".sift.zip").setSha256("00".repeat(32))
                .setSizeBytes(1).setBaseModel("acl-test").setIntents(List.of()).setCreatedAt(Instant.now())
                .build();
    }

    private static byte[] key(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Properties producerProps(Map<String, Object> clientConfig) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    private static <K, V> void send(Map<String, Object> clientConfig, Topic<K, V> topic, K key, V value)
            throws Exception {
        try (KafkaProducer<K, V> producer = new KafkaProducer<>(producerProps(clientConfig),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static void sendRaw(Map<String, Object> clientConfig, String topic) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(clientConfig))) {
            producer.send(new ProducerRecord<>(topic, key("forged"), key("not a record"))).get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Joins a consumer group and fetches from its partitions: authorization errors surface as exceptions.
     *
     * @return the partitions assigned
     */
    private static Set<TopicPartition> poll(Map<String, Object> clientConfig, String topic, String group) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(20);
            while (consumer.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200));
            }
            // Assigned is not yet read: a principal that may only describe the topic fails at its first fetch.
            Instant fetched = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(fetched)) {
                consumer.poll(Duration.ofMillis(200));
            }
            return consumer.assignment();
        }
    }

    /**
     * Reads committed records until {@code expected} match, then two seconds more to catch duplicates.
     *
     * @param group a consumer group, or null to read every partition without one
     */
    private static <K, V> List<ConsumerRecord<K, V>> awaitRecords(Map<String, Object> clientConfig, String group,
            Topic<K, V> topic, Predicate<ConsumerRecord<K, V>> wanted, int expected) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group == null ? "verifier-" + UUID.randomUUID() : group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        List<ConsumerRecord<K, V>> out = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            Instant settle = null;
            while (Instant.now().isBefore(deadline) && (settle == null || Instant.now().isBefore(settle))) {
                for (ConsumerRecord<K, V> r : consumer.poll(Duration.ofMillis(200))) {
                    if (wanted.test(r)) {
                        out.add(r);
                    }
                }
                if (settle == null && out.size() >= expected) {
                    settle = Instant.now().plusSeconds(2);
                }
            }
        }
        return out;
    }

    private static boolean awaitRefusal(GatewayProcess gateway, String version) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> GatewayFleet.model(gateway),
                model -> model.path("refused").has(version)).path("refused").has(version);
    }
}
