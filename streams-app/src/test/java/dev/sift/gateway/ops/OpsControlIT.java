package dev.sift.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.Http;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.Speaker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A threshold change through the API reaches every instance within seconds; bad or anonymous changes change nothing. */
@ExtendWith(SharedBroker.class)
class OpsControlIT {

    private static final String TOKEN = "s3cret-ops-token";
    private static final String READER = "s3cret-read-token";
    private static final String REFUND = "I was charged twice, I want a refund for my order please";

    @TempDir
    Path dir;

    @Test
    void shouldApplyAThresholdChangeOnEveryInstanceWithinSecondsAndAuditIt(LocalKafkaBroker broker) throws Exception {
        Topics topics = new Topics(TopicNames.defaults().prefixed("ops-control"));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);
        KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
        try (GatewayFleet fleet = GatewayFleet.start(broker, 2, dir.resolve("fleet"), GatewayFleet.onTopics(
                topics.names(), Map.of(
                        "kafka.streams.default.application.id", "ops-control",
                        "sift.model.bundle", TestBundles.defaultBundle().directory().toString(),
                        "sift.ops.token", TOKEN,
                        "sift.ops.read-token", READER,
                        "sift.policy.tenants", "acme,globex")))) {
            Http first = new Http(fleet.gateways().get(0).httpPort());

            // Given refund requests decided under the default policy
            kafka.produce(topics.snippets(), snippets("before", 60));
            List<FilterDecision> before = decisions(kafka, topics, 60, 60, "before");
            assertThat(before).allSatisfy(d -> assertThat(d.getPolicy().getPolicyId()).isEqualTo("*"));

            // When someone without the token tries a change, or sends an invalid one
            String change = """
                    {"tenant": "acme", "defaultThreshold": 0.5, "intentThresholds": {"billing_problem": 0.95},
                     "neverForward": ["refund_request"], "comment": "refunds go to the billing queue, not the LLM"}""";
            Http.Reply anonymous = first.send("PUT", "/policies/acme", change, null);
            Http.Reply invalid = first.send("PUT", "/policies/acme",
                    change.replace("0.95", "1.5"), TOKEN);
            Http.Reply unknownTenant = first.send("PUT", "/policies/initech",
                    change.replace("acme", "initech"), TOKEN);
            Http.Reply oversized = first.send("PUT", "/policies/acme",
                    change.replace("not the LLM", "x".repeat(2_000_000)), TOKEN);

            // Then they are refused and nothing changes
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.body().toString()).contains("intentThresholds.billing_problem");
            assertThat(unknownTenant.status()).isEqualTo(400);
            assertThat(unknownTenant.body().toString()).contains("\"field\":\"tenant\"");
            assertThat(oversized.status()).isEqualTo(413);
            assertThat(first.get("/policies/acme", READER).status()).isEqualTo(404);
            assertThat(first.get("/policies/acme/history", READER).body()).isEmpty();

            // When the change is made with the token
            Instant sent = Instant.now();
            Http.Reply accepted = first.send("PUT", "/policies/acme", change, TOKEN);
            assertThat(accepted.status()).isEqualTo(200);
            assertThat(accepted.body().path("revision").asLong()).isEqualTo(1);
            Instant everywhere = awaitRevision(fleet, 1);

            // Then every instance serves it within 5 seconds, and decides with it
            long millis = Duration.between(sent, everywhere).toMillis();
            System.out.printf("OPS FIGURES: policy change visible on both instances after %d ms%n", millis);
            assertThat(millis).isLessThan(5_000);
            kafka.produce(topics.snippets(), snippets("after", 60));
            List<FilterDecision> after = decisions(kafka, topics, 120, 60, "after");
            assertThat(after).allSatisfy(d -> {
                assertThat(d.getPolicy().getPolicyId()).isEqualTo("acme");
                assertThat(d.getPolicy().getRevision()).isEqualTo(1);
            });
            assertThat(after.stream().map(FilterDecision::getGateway).collect(Collectors.toSet())).hasSize(2);
            assertThat(before).allSatisfy(d -> assertThat(refund(d).getThreshold()).isEqualTo(0.5f));
            assertThat(before.stream().filter(d -> refund(d).getMatched()).count()).isGreaterThan(50);
            assertThat(after).allSatisfy(d -> {
                assertThat(refund(d).getThreshold()).isNull();
                assertThat(refund(d).getMatched()).isFalse();
            });

            // And the audit trail says who changed what
            JsonNode history = first.get("/policies/acme/history", READER).body();
            assertThat(history).hasSize(1);
            assertThat(history.get(0).path("changedBy").asText()).isEqualTo("ops");
            assertThat(history.get(0).path("previous").isMissingNode() || history.get(0).path("previous").isNull())
                    .isTrue();
            assertThat(history.get(0).path("current").path("neverForward").get(0).asText())
                    .isEqualTo("refund_request");

            // And neither token shows in the logs nor on the endpoints, even to a reader
            for (GatewayProcess g : fleet.gateways()) {
                assertThat(java.nio.file.Files.readString(g.logFile())).doesNotContain(TOKEN).doesNotContain(READER);
                for (String path : List.of("/health", "/prometheus", "/model", "/policies", "/env")) {
                    assertThat(g.get(path).body()).as(path).doesNotContain(TOKEN).doesNotContain(READER);
                    assertThat(new Http(g.httpPort()).text(path, READER)).as(path).doesNotContain(TOKEN)
                            .doesNotContain(READER);
                }
            }
        }
    }

    private static dev.sift.schema.IntentScore refund(FilterDecision d) {
        return d.getIntents().stream().filter(s -> s.getIntent().equals("refund_request")).findFirst().orElseThrow();
    }

    /** @return when every instance served the revision */
    private static Instant awaitRevision(GatewayFleet fleet, long revision) {
        await("revision " + revision + " on every instance").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> fleet.gateways().stream().allMatch(g -> {
                    Http.Reply reply = new Http(g.httpPort()).get("/policies/acme", READER);
                    return reply.status() == 200 && reply.body().path("revision").asLong() == revision;
                }));
        return Instant.now();
    }

    private static List<Map.Entry<String, ConversationSnippet>> snippets(String prefix, int n) {
        List<Map.Entry<String, ConversationSnippet>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ConversationSnippet s = ConversationSnippet.newBuilder().setSnippetId(prefix + "-" + i)
                    .setConversationId(prefix + "-conv-" + i).setTenant("acme").setChannel("chat")
                    .setSpeaker(Speaker.newBuilder().setId("u").build()).setText(REFUND)
                    .setEventTime(Instant.now()).build();
            out.add(Map.entry(s.getConversationId(), s));
        }
        return out;
    }

    private static List<FilterDecision> decisions(KafkaTestClient kafka, Topics topics, int total, int n,
            String prefix) {
        List<ConsumerRecord<String, FilterDecision>> all = kafka.readCommitted(topics.decisions(), total,
                Duration.ofSeconds(60));
        List<FilterDecision> mine = all.stream().map(ConsumerRecord::value)
                .filter(d -> d.getSnippetId().startsWith(prefix + "-")).toList();
        assertThat(mine).hasSize(n);
        return mine;
    }
}
