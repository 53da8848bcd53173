package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.gateway.support.ExactlyOnce;
import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.SaslMechanism;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka with authentication and encryption: the local broker's only client listener is SASL_SSL (SCRAM-SHA-256
 * over TLS, certificates made at test time), and the gateway is configured for it through its ordinary
 * {@code kafka.*} settings. Clients without credentials, or with wrong ones, are refused; the gateway works; its
 * credentials appear neither in its log nor on its HTTP endpoints.
 */
class SaslSslIT {

    private static final SaslMechanism MECHANISM = SaslMechanism.SCRAM_SHA_256;

    @TempDir
    static Path dir;

    private static LocalKafkaBroker broker;
    private static String gatewayPassword;
    private static Map<String, String> gatewaySecurity;

    @BeforeAll
    static void startSecuredBroker() {
        TestCertificates certificates = TestCertificates.create(dir.resolve("tls"));
        String brokerPassword = "broker-" + certificates.password();
        gatewayPassword = "gateway-" + certificates.password();
        gatewaySecurity = clientSecurity(certificates, "sift-gateway", gatewayPassword);
        LocalKafkaBroker.Builder builder = LocalKafkaBroker.builder()
                .sasl(MECHANISM, "broker", brokerPassword)
                .saslUser("sift-gateway", gatewayPassword);
        builder.clientProtocol("SASL_SSL")
                .brokerProperty("ssl.keystore.type", "PKCS12")
                .brokerProperty("ssl.keystore.location", certificates.keyStore().toString())
                .brokerProperty("ssl.keystore.password", certificates.password())
                .brokerProperty("ssl.key.password", certificates.password())
                .brokerProperty("ssl.truststore.type", "PKCS12")
                .brokerProperty("ssl.truststore.location", certificates.trustStore().toString())
                .brokerProperty("ssl.truststore.password", certificates.password());
        builder.clientProperty("ssl.truststore.type", "PKCS12")
                .clientProperty("ssl.truststore.location", certificates.trustStore().toString())
                .clientProperty("ssl.truststore.password", certificates.password());
        broker = builder.build().start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldRefuseAClientWithoutCredentials() {
        Map<String, Object> plaintext = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());

        assertThatThrownBy(() -> describeCluster(plaintext)).isInstanceOf(Exception.class);
    }

    @Test
    void shouldRefuseAClientWithAWrongPassword() {
        Map<String, Object> wrong = broker.clientConfig("sift-gateway", "not-" + gatewayPassword);

        assertThatThrownBy(() -> describeCluster(wrong)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void shouldDecideSnippetsOverSaslSslWithoutShowingItsCredentials() throws Exception {
        // Given a gateway configured for SASL_SSL
        Topics topics = Topics.withDefaultNames();
        Map<String, String> config = new HashMap<>(gatewaySecurity);
        config.put("sift.model.bundle", TestBundles.defaultBundle().directory().toString());
        config.put("sift.releases.enabled", "false");
        config.put("sift.topics.partitions", "2");
        try (GatewayFleet fleet = GatewayFleet.start(broker, 1, dir.resolve("gateway"), config)) {
            // When snippets arrive
            KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig("sift-gateway", gatewayPassword));
            List<Map.Entry<String, ConversationSnippet>> snippets = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                snippets.add(Map.entry("conv-" + i % 4, Snippets.snippet("tls-" + i, "conv-" + i % 4,
                        "I want to cancel my subscription " + i)));
            }
            kafka.produce(topics.snippets(), snippets);

            // Then each is decided once
            List<ConsumerRecord<String, FilterDecision>> decisions = kafka.readCommitted(topics.decisions(), 40,
                    Duration.ofMinutes(2));
            ExactlyOnce.assertEachDecidedOnce(decisions, 40);

            // And its password shows nowhere
            GatewayProcess gateway = fleet.gateways().get(0);
            assertThat(Files.readString(gateway.logFile())).doesNotContain(gatewayPassword);
            for (String path : List.of("/health", "/prometheus", "/model", "/policies", "/env", "/configprops")) {
                assertThat(gateway.get(path).body()).as(path).doesNotContain(gatewayPassword);
            }
            assertThat(gateway.get("/env").statusCode()).isNotEqualTo(200);
        }
    }

    private static void describeCluster(Map<String, Object> config) throws Exception {
        Properties props = new Properties();
        props.putAll(config);
        // A client the broker refuses gets no answer it could act on: it gives up when its time is out.
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        }
    }

    private static Map<String, String> clientSecurity(TestCertificates certificates, String user, String password) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.security.protocol", "SASL_SSL");
        settings.put("kafka.sasl.mechanism", MECHANISM.kafkaName());
        settings.put("kafka.sasl.jaas.config", MECHANISM.clientJaas(user, password));
        settings.put("kafka.ssl.truststore.type", "PKCS12");
        settings.put("kafka.ssl.truststore.location", certificates.trustStore().toString());
        settings.put("kafka.ssl.truststore.password", certificates.password());
        return settings;
    }
}
