package dev.sift.gateway;

import static dev.sift.gateway.support.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.gateway.support.InProcessGateway;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.IntentScore;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the gateway must do end to end on any Kafka: decide every snippet with the real default model, forward the
 * relevant ones, dead-letter what it cannot read and carry on. Run against the project's own broker
 * ({@link GatewayIT}) and, where Docker runs, a containerized one ({@link GatewayOnContainerKafkaIT}).
 */
abstract class GatewayScenarios {

    protected static ModelBundle bundle;
    protected static KafkaTestClient kafka;

    @TempDir
    Path work;

    /** @return client configuration of the broker under test */
    protected abstract Map<String, Object> clientConfig();

    protected Topics topicsFor(String test) {
        Topics topics = new Topics(InProcessGateway.prefixed(test));
        new TopicProvisioner(clientConfig()).ensure(topics.all(), 3, (short) 1);
        return topics;
    }

    protected EmbeddedGateway startGateway(Topics topics, String test) {
        return InProcessGateway.start(clientConfig().get("bootstrap.servers").toString(), topics.names(),
                "gateway-it-" + test, work, Map.of());
    }

    @Test
    void shouldForwardRelevantSnippetsAndRecordEveryDecision() {
        // Given the gateway on the default model
        Topics topics = topicsFor("e2e");
        try (EmbeddedGateway gateway = startGateway(topics, "e2e")) {
            // When a conversation mixes a billing complaint with small talk
            kafka.produce(topics.snippets(), List.of(
                    Map.entry("c-1", snippet("s-1", "c-1",
                            "I was charged twice for the same order and I want my money back now")),
                    Map.entry("c-1", snippet("s-2", "c-1", "haha ok, see you at the game tonight")),
                    Map.entry("c-2", snippet("s-3", "c-2", "Let me check that for you, one moment please"))));

            // Then every snippet is decided by the bundle, and only the complaint reaches the LLM topic
            Map<String, FilterDecision> decisions = byId(kafka.readCommitted(topics.decisions(), 3,
                    Duration.ofSeconds(60)), FilterDecision::getSnippetId);
            assertThat(decisions).containsOnlyKeys("s-1", "s-2", "s-3");
            assertThat(decisions.values()).allSatisfy(d -> assertThat(d.getModelVersion()).isEqualTo(bundle.version()));
            assertThat(decisions.get("s-1").getForwarded()).isTrue();
            assertThat(decisions.get("s-1").getIntents()).filteredOn(IntentScore::getMatched)
                    .extracting(IntentScore::getIntent).containsAnyOf("billing_problem", "refund_request");
            assertThat(decisions.get("s-2").getForwarded()).isFalse();
            assertThat(decisions.get("s-3").getForwarded()).isFalse();
            List<ConsumerRecord<String, LlmRequest>> llm = kafka.readCommitted(topics.llmRequests(), 1,
                    Duration.ofSeconds(30));
            assertThat(llm).extracting(r -> r.value().getSnippet().getSnippetId()).containsExactly("s-1");
            assertThat(llm.get(0).key()).isEqualTo("c-1");
        }
    }

    @Test
    void shouldDeadLetterAMalformedRecordAndProcessTheNextGoodOne() throws Exception {
        Topics topics = topicsFor("dlq");
        try (EmbeddedGateway gateway = startGateway(topics, "dlq")) {
            // Given a malformed record followed by a good snippet on the same partition
            var props = new java.util.Properties();
            props.putAll(clientConfig());
            try (var raw = new KafkaProducer<byte[], byte[]>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(topics.snippets().name(), "c-7".getBytes(StandardCharsets.UTF_8),
                        "{\"text\": \"json is not our wire format\"}".getBytes(StandardCharsets.UTF_8))).get();
            }
            kafka.produce(topics.snippets(), List.of(Map.entry("c-7", snippet("s-70", "c-7",
                    "please cancel my subscription today, I'm switching to another provider"))));

            // Then the malformed one is in the dead-letter topic with its reason, and the good one was decided
            var dead = kafka.readCommitted(topics.deadLetters(), 1, Duration.ofSeconds(60));
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("json is not our wire format");
            Header reason = dead.get(0).headers().lastHeader("__streams.errors.message");
            assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("not an Avro single-object record");
            var decisions = kafka.readCommitted(topics.decisions(), 1, Duration.ofSeconds(60));
            assertThat(decisions).extracting(r -> r.value().getSnippetId()).containsExactly("s-70");
            assertThat(gateway.streams().state().isRunningOrRebalancing()).isTrue();
        }
    }

    protected static <V> Map<String, V> byId(List<ConsumerRecord<String, V>> records, Function<V, String> id) {
        Map<String, V> out = new HashMap<>();
        records.forEach(r -> out.put(id.apply(r.value()), r.value()));
        return out;
    }
}
