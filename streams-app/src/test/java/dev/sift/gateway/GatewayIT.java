package dev.sift.gateway;

import static dev.sift.gateway.support.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sift.gateway.support.ExactlyOnce;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.IntentScore;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real gateway, with the real default model, against a real Kafka broker in a child JVM. */
class GatewayIT extends GatewayScenarios {

    /** The gap between snippets the driver sends: a pace, so the broker dies with sends in flight. */
    private static final Duration SEND_PACE = Duration.ofMillis(5);
    /** How long the broker stays dead: a pace, so the gateway and the producer meet a broker that is gone. */
    private static final Duration BROKER_DOWNTIME = Duration.ofSeconds(2);

    private static LocalKafkaBroker broker;

    @BeforeAll
    static void startBrokerAndBuildModel() {
        bundle = DefaultBundle.ensure(Progress.NONE);
        broker = LocalKafkaBroker.builder().build().start();
        kafka = new KafkaTestClient(broker.clientConfig());
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Override
    protected Map<String, Object> clientConfig() {
        return broker.clientConfig();
    }

    @Test
    void shouldNeitherLoseNorDuplicateWhenTheBrokerIsKilledMidRun() throws Exception {
        Topics topics = topicsFor("broker-kill");
        List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).toList();
        int total = 600;
        List<ConversationSnippet> snippets = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            snippets.add(snippet("k-" + i, "conv-" + (i % 40), texts.get(i % texts.size())));
        }
        try (EmbeddedGateway gateway = startGateway(topics, "broker-kill")) {
            // Given a producer streaming snippets
            CountDownLatch third = new CountDownLatch(total / 3);
            Thread driver = new Thread(() -> {
                try (KafkaProducer<String, ConversationSnippet> producer = kafka.producer(topics.snippets())) {
                    for (ConversationSnippet s : snippets) {
                        producer.send(new ProducerRecord<>(topics.snippets().name(), s.getConversationId(), s),
                                (meta, error) -> third.countDown());
                        Thread.sleep(SEND_PACE.toMillis());
                    }
                    producer.flush();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "driver");
            driver.start();

            // When the broker is killed with SIGKILL a third of the way in, and restarted
            assertThat(third.await(60, TimeUnit.SECONDS)).isTrue();
            broker.kill();
            Thread.sleep(BROKER_DOWNTIME.toMillis());
            broker.start();
            driver.join(180_000);

            // Then every snippet is decided exactly once and each forwarded one reaches the LLM topic exactly once
            List<ConsumerRecord<String, FilterDecision>> decisions = kafka.readCommitted(topics.decisions(), total,
                    Duration.ofMinutes(3));
            ExactlyOnce.assertEachDecidedOnce(decisions, total);
            long forwarded = decisions.stream().filter(r -> r.value().getForwarded()).count();
            List<ConsumerRecord<String, LlmRequest>> llm = kafka.readCommitted(topics.llmRequests(), (int) forwarded,
                    Duration.ofMinutes(1));
            assertThat(llm).hasSize((int) forwarded);
            assertThat(llm.stream().map(r -> r.value().getSnippet().getSnippetId()).distinct().count())
                    .isEqualTo(forwarded);
            assertThat(forwarded).isPositive();
        }
    }

    @Test
    void shouldDecideThreadedSnippetsAsBeforeWithAContextFreeModel() {
        // Given the gateway on the default bundle, which judges each snippet alone
        Topics topics = topicsFor("threads");
        List<String> texts = List.of("I was charged twice for the same order and I want my money back now",
                "yes, that one", "haha ok, see you at the game tonight");
        List<Map.Entry<String, ConversationSnippet>> records = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            records.add(Map.entry("c-plain", snippet("p-" + i, "c-plain", texts.get(i))));
            ConversationSnippet threaded = snippet("t-" + i, "c-threaded", texts.get(i));
            threaded.setThreadId(i == 2 ? "small-talk" : "billing");
            threaded.setReplyTo(i == 0 ? null : "t-" + (i - 1));
            records.add(Map.entry("c-threaded", threaded));
        }
        try (EmbeddedGateway gateway = startGateway(topics, "threads")) {
            // When the same turns come with and without threads and replies
            kafka.produce(topics.snippets(), records);

            // Then each threaded turn is decided as its unthreaded twin, and its LLM request carries its thread
            Map<String, FilterDecision> decisions = byId(kafka.readCommitted(topics.decisions(), records.size(),
                    Duration.ofSeconds(60)), FilterDecision::getSnippetId);
            assertThat(decisions).hasSize(records.size());
            for (int i = 0; i < texts.size(); i++) {
                FilterDecision plain = decisions.get("p-" + i);
                FilterDecision threaded = decisions.get("t-" + i);
                assertThat(threaded.getForwarded()).as(texts.get(i)).isEqualTo(plain.getForwarded());
                assertThat(threaded.getIntents()).extracting(IntentScore::getIntent)
                        .isEqualTo(plain.getIntents().stream().map(IntentScore::getIntent).toList());
                for (int k = 0; k < plain.getIntents().size(); k++) {
                    assertThat(threaded.getIntents().get(k).getScore())
                            .isCloseTo(plain.getIntents().get(k).getScore(), within(1e-3f));
                }
            }
            assertThat(decisions.get("t-0").getForwarded()).isTrue();
            Map<String, LlmRequest> requests = byId(kafka.readCommitted(topics.llmRequests(),
                    (int) decisions.values().stream().filter(FilterDecision::getForwarded).count(),
                    Duration.ofSeconds(30)), r -> r.getSnippet().getSnippetId());
            assertThat(requests.get("t-0").getSnippet().getThreadId()).isEqualTo("billing");
            assertThat(requests.get("p-0").getSnippet().getThreadId()).isNull();
        }
    }

}
