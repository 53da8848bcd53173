package dev.sift.gateway.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.Http;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.ForwardReason;
import dev.sift.schema.IntentScore;
import dev.sift.schema.Polarity;
import dev.sift.schema.ReasonKind;
import dev.sift.schema.ReputationScores;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What-if questions take only what the gateway can afford: on the recommended 128 MB heap, questions at the largest
 * window over decisions that carry every intent arriving at once are answered or asked to retry (429), never run
 * the gateway out of memory, and it stays healthy.
 */
@ExtendWith(SharedBroker.class)
class WhatIfHeapIT {

    private static final int DECISIONS = 12_000;

    @TempDir
    Path dir;

    @Test
    void shouldAnswerConcurrentQuestionsAtTheLargestWindowOnTheRecommendedHeap(LocalKafkaBroker broker)
            throws Exception {
        List<String> intents = TestBundles.defaultBundle().manifest().intents().orElseThrow().labels();
        Topics topics = new Topics(TopicNames.defaults().prefixed("what-if-heap"));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);
        // Given more recent decisions than the largest window, each scoring every intent
        List<Map.Entry<String, FilterDecision>> decisions = new ArrayList<>();
        for (int i = 0; i < DECISIONS; i++) {
            decisions.add(Map.entry("conversation-" + i % 600, decision(i, intents)));
        }
        new KafkaTestClient(broker.clientConfig()).produce(topics.decisions(), decisions);

        try (GatewayFleet fleet = GatewayFleet.start(broker, 1, dir, GatewayFleet.onTopics(topics.names(), Map.of(
                "kafka.streams.default.application.id", "what-if-heap",
                "sift.model.bundle", TestBundles.defaultBundle().directory().toString(),
                "sift.releases.enabled", "false")))) {
            GatewayProcess gateway = fleet.gateways().get(0);
            assertThat(GatewayProcess.RECOMMENDED_JVM_OPTIONS).contains("-Xmx128m");
            Http http = new Http(gateway.httpPort());

            // When four questions at the largest window arrive at once
            ExecutorService callers = Executors.newFixedThreadPool(4);
            List<Http.Reply> answers = new ArrayList<>();
            try {
                List<CompletableFuture<Http.Reply>> replies = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    replies.add(CompletableFuture.supplyAsync(() -> http.get("/what-if/curves?window=10000",
                            GatewayFleet.READ_TOKEN), callers));
                }
                replies.forEach(r -> answers.add(r.join()));
            } finally {
                callers.shutdownNow();
            }

            // Then those the gateway has room for are answered on the decisions asked for, the others are asked
            // to retry, and a retry is answered
            assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(String.valueOf(a.body())).isIn(200, 429));
            assertThat(answers).anySatisfy(a -> assertThat(a.status()).isEqualTo(200));
            for (Http.Reply a : answers) {
                if (a.status() == 200) {
                    assertThat(a.body().path("snippets").asInt()).isGreaterThan(9_000);
                } else {
                    assertThat(a.headers().firstValue("Retry-After")).contains("1");
                    assertThat(a.body().toString()).contains("retry");
                }
            }
            for (int i = 0; i < 3; i++) {
                assertThat(http.get("/what-if/curves?window=10000", GatewayFleet.READ_TOKEN).status())
                        .isEqualTo(200);
            }

            // And the gateway is still healthy
            assertThat(gateway.isRunning()).isTrue();
            assertThat(gateway.get("/health").body()).contains("\"UP\"");
            assertThat(java.nio.file.Files.readString(gateway.logFile())).doesNotContain("OutOfMemoryError");
        }
    }

    private static FilterDecision decision(int i, List<String> intents) {
        List<IntentScore> scores = new ArrayList<>();
        for (int k = 0; k < intents.size(); k++) {
            scores.add(IntentScore.newBuilder().setIntent(intents.get(k)).setScore((i * 31 + k * 17) % 100 / 100f)
                    .setThreshold(0.5f).setMatched(k == i % intents.size()).build());
        }
        Instant now = Instant.now();
        return FilterDecision.newBuilder().setSnippetId("snippet-" + i + "-0123456789abcdef")
                .setConversationId("conversation-" + i % 600).setTenant(i % 2 == 0 ? "acme" : "globex")
                .setChannel("chat").setIntents(scores)
                .setReputation(ReputationScores.newBuilder().setPolarity(Polarity.NEUTRAL).setNegative(0.1f)
                        .setNeutral(0.8f).setPositive(0.1f).setBrands(List.of("acme-air")).build())
                .setPolicy(AppliedPolicy.newBuilder().setPolicyId("*").setRevision(3).setReputationThreshold(0.85f)
                        .build())
                .setForwarded(i % 3 == 0)
                .setReasons(List.of(ForwardReason.newBuilder().setKind(ReasonKind.INTENT_ABOVE_THRESHOLD)
                        .setLabel(intents.get(i % intents.size())).setScore(0.9f).setThreshold(0.5f)
                        .setDetail("above threshold").build()))
                .setModelVersion("sift-default-7158149d8227").setTokenCount(24).setTruncated(false)
                .setProcessingLatencyMicros(1234).setEventTime(now).setDecidedAt(now).setGateway("gateway-0-12345")
                .build();
    }
}
