package dev.sift.gateway.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.gateway.EmbeddedGateway;
import dev.sift.gateway.support.Http;
import dev.sift.gateway.support.InProcessGateway;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.Speaker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The what-if of a proposed policy predicts the forward rate that policy then produces on the same traffic. */
@ExtendWith(SharedBroker.class)
class WhatIfAccuracyIT {

    private static final String TOKEN = "what-if-token";

    @TempDir
    Path work;

    @Test
    void shouldPredictTheForwardRateWithinTwoPoints(LocalKafkaBroker broker) throws Exception {
        List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).limit(400).toList();
        Topics topics = new Topics(InProcessGateway.prefixed("whatif"));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 3, (short) 1);
        KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
        try (EmbeddedGateway gateway = InProcessGateway.start(broker, topics.names(), "what-if", work,
                InProcessGateway.withToken(TOKEN))) {
            Http http = new Http(gateway.startHttp());

            // Given traffic decided under the default policy
            kafka.produce(topics.snippets(), snippets("first", texts));
            assertThat(kafka.readCommitted(topics.decisions(), texts.size(), Duration.ofMinutes(2))).hasSize(texts.size());

            // When a stricter policy is proposed
            String proposal = """
                    {"tenant": "replay", "defaultThreshold": 0.8, "intentThresholds": {"complaint": 0.6},
                     "neverForward": ["praise"], "alwaysForward": ["human_agent_request"]}""";
            Http.Reply whatIf = http.send("POST", "/what-if",
                    "{\"tenant\": \"replay\", \"window\": 10000, \"policy\": " + proposal + "}", TOKEN);
            assertThat(whatIf.status()).isEqualTo(200);
            double predicted = whatIf.body().path("result").path("forwardRate").asDouble();
            double before = whatIf.body().path("current").path("forwardRate").asDouble();

            // And then applied, and the same traffic replayed
            assertThat(http.send("PUT", "/policies/replay", proposal, TOKEN).status()).isEqualTo(200);
            await("the policy in force").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> http.get("/policies/replay", TOKEN).status() == 200);
            kafka.produce(topics.snippets(), snippets("second", texts));
            List<FilterDecision> replayed = kafka.readCommitted(topics.decisions(), 2 * texts.size(),
                    Duration.ofMinutes(2)).stream().map(ConsumerRecord::value)
                    .filter(d -> d.getSnippetId().startsWith("second-")).toList();

            // Then the prediction was right within two points
            assertThat(replayed).hasSize(texts.size());
            double actual = replayed.stream().filter(FilterDecision::getForwarded).count() / (double) texts.size();
            System.out.printf("WHAT-IF FIGURES: forward rate before %.1f%%, predicted %.1f%%, actual %.1f%%%n",
                    100 * before, 100 * predicted, 100 * actual);
            assertThat(Math.abs(predicted - actual)).isLessThanOrEqualTo(0.02);
            assertThat(predicted).isNotEqualTo(before);

            // And the metrics and health endpoints show what happened
            String metrics = http.text("/prometheus", TOKEN);
            assertThat(metrics).contains("sift_decisions_total{forwarded=\"true\",tenant=\"replay\"}")
                    .contains("sift_forwards_total{reason=\"complaint\",tenant=\"replay\"}")
                    .contains("sift_decision_latency_seconds_bucket").contains("sift_tokens_total")
                    .contains("sift_dead_letters_total").contains("sift_model_version{version=");
            String health = http.text("/health");
            assertThat(health).contains("\"model\"").contains("kafkaStreams").contains("RUNNING");
        }
    }

    private static List<Map.Entry<String, ConversationSnippet>> snippets(String prefix, List<String> texts) {
        List<Map.Entry<String, ConversationSnippet>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            ConversationSnippet s = ConversationSnippet.newBuilder().setSnippetId(prefix + "-" + i)
                    .setConversationId("conv-" + (i % 30)).setTenant("replay").setChannel("chat")
                    .setSpeaker(Speaker.newBuilder().setId("u").build()).setText(texts.get(i))
                    .setEventTime(Instant.now()).build();
            out.add(Map.entry(s.getConversationId(), s));
        }
        return out;
    }
}
