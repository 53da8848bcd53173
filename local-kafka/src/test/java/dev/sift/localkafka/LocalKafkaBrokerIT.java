package dev.sift.localkafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class LocalKafkaBrokerIT {

    @Test
    void shouldKeepCommittedRecordsAcrossAKillAndRestartOnTheSamePorts() throws Exception {
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            // Given a topic with records acknowledged by the broker
            try (Admin admin = Admin.create(broker.clientConfig())) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            produce(broker, "before-1", "before-2");
            long firstPid = broker.pid();

            // When the broker is killed with SIGKILL and started again
            broker.kill();
            assertThat(broker.isRunning()).isFalse();
            broker.start();

            // Then it runs as a new process on the same address and still has the records
            assertThat(broker.pid()).isNotEqualTo(firstPid);
            produce(broker, "after-1");
            assertThat(consumeAll(broker, 3)).containsExactly("before-1", "before-2", "after-1");
        }
    }

    @Test
    void shouldLeaveNoProcessBehindWhenClosed() {
        LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start();
        long pid = broker.pid();

        broker.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(broker.dataDir()).doesNotExist();
    }

    @Test
    void shouldLetSaslUsersDoOnlyWhatTheirAclsAllowWhenTheAuthorizerIsOn() throws Exception {
        // Given a broker authenticating with SASL/PLAIN and authorizing with StandardAuthorizer
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder()
                .sasl(SaslMechanism.PLAIN, "admin", "admin-secret")
                .saslUser("alice", "alice-secret")
                .saslUser("bob", "bob-secret")
                .authorizer()
                .build().start()) {
            // And a topic only alice may write, set up by the administrator (the super user)
            try (Admin admin = Admin.create(broker.clientConfig())) {
                admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
                admin.createAcls(List.of(new AclBinding(
                        new ResourcePattern(ResourceType.TOPIC, "t", PatternType.LITERAL),
                        new AccessControlEntry("User:alice", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                        .all().get(30, TimeUnit.SECONDS);
            }

            // When alice and bob write to it, and someone tries alice's name with another password
            Map<String, Object> alice = broker.clientConfig("alice", "alice-secret");
            Map<String, Object> bob = broker.clientConfig("bob", "bob-secret");
            Map<String, Object> impostor = broker.clientConfig("alice", "guessed");

            // Then only alice's write is accepted, bob's is refused by the authorizer, the impostor is not let in
            produce(alice, "from-alice");
            assertThatThrownBy(() -> produce(bob, "from-bob")).hasRootCauseInstanceOf(
                    TopicAuthorizationException.class);
            assertThatThrownBy(() -> produce(impostor, "from-impostor")).hasRootCauseInstanceOf(
                    SaslAuthenticationException.class);
            assertThat(consumeAll(broker, 1)).containsExactly("from-alice");
        }
    }

    private static void produce(LocalKafkaBroker broker, String... values) throws Exception {
        produce(broker.clientConfig(), values);
    }

    private static void produce(Map<String, Object> clientConfig, String... values) throws Exception {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>("t", "k", value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> consumeAll(LocalKafkaBroker broker, int expected) {
        Map<String, Object> config = broker.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "verifier");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("t"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
