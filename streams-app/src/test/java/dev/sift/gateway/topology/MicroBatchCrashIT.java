package dev.sift.gateway.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.gateway.support.ExactlyOnce;
import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway killed with {@code kill -9} while snippets sit in its micro-batch buffer, after Kafka Streams has
 * committed their input offsets: the restarted gateway decides each of them exactly once.
 */
@ExtendWith(SharedBroker.class)
class MicroBatchCrashIT {

    private static final String APPLICATION = "batch-crash";
    private static final int SNIPPETS = 300;
    /**
     * How long the group waits for the killed instance before its partitions go to the restarted one: the broker's
     * smallest session timeout instead of the 45 s default, which the restart would otherwise sit out.
     */
    private static final String SESSION_TIMEOUT_MS = "6000";

    @TempDir
    Path dir;

    @Test
    void shouldDecideEveryBufferedSnippetExactlyOnceAfterKillNine(LocalKafkaBroker broker) throws Exception {
        String bundle = TestBundles.defaultBundle().directory().toString();
        try (Admin admin = Admin.create(broker.clientConfig())) {
            Topics topics = new Topics(TopicNames.defaults().prefixed(APPLICATION));
            new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);
            KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());

            // Given a gateway whose batches never fill and whose wait is longer than the test
            try (GatewayFleet buffering = GatewayFleet.start(broker, 1, dir, GatewayFleet.onTopics(topics.names(),
                    Map.of(
                            "kafka.streams.default.application.id", APPLICATION,
                            "kafka.streams.default.session.timeout.ms", SESSION_TIMEOUT_MS,
                            "sift.model.bundle", bundle,
                            "sift.batching.max-size", "100000",
                            "sift.batching.max-wait", "10m")))) {
                // When snippets arrive and their input offsets are committed while they are only buffered
                kafka.produce(topics.snippets(), snippets());
                awaitCommittedInput(admin, topics.snippets().name());
                // (with exactly-once, a decision is committed in the transaction that commits its input offset:
                // every decision made so far is below the end this reads to)
                assertThat(kafka.readCommitted(topics.decisions(), 0, Duration.ofSeconds(2))).isEmpty();

                // And the gateway is killed
                buffering.gateways().get(0).kill();
            }

            // Then a gateway restarted on the same state decides each of them exactly once
            try (GatewayFleet restarted = GatewayFleet.start(broker, 1, dir, GatewayFleet.onTopics(topics.names(),
                    Map.of(
                            "kafka.streams.default.application.id", APPLICATION,
                            "kafka.streams.default.session.timeout.ms", SESSION_TIMEOUT_MS,
                            "sift.model.bundle", bundle,
                            "sift.batching.max-size", "16",
                            "sift.batching.max-wait", "50ms")))) {
                List<ConsumerRecord<String, FilterDecision>> decisions = kafka.readCommitted(topics.decisions(),
                        SNIPPETS, Duration.ofMinutes(2));
                ExactlyOnce.assertEachDecidedOnce(decisions, SNIPPETS);
                assertThat(kafka.readCommitted(topics.deadLetters(), 0, Duration.ofSeconds(2))).isEmpty();
                System.out.printf("BATCH-CRASH FIGURES: %d snippets buffered with committed offsets, gateway killed "
                        + "(kill -9), %d decided after restart, each once%n", SNIPPETS, SNIPPETS);
            }
        }
    }

    private static List<Map.Entry<String, ConversationSnippet>> snippets() {
        List<Map.Entry<String, ConversationSnippet>> records = new ArrayList<>();
        for (int i = 0; i < SNIPPETS; i++) {
            String conversation = "conv-" + (i % 37);
            records.add(Map.entry(conversation, Snippets.snippet("s-" + i, conversation,
                    i % 3 == 0 ? "my order never arrived and I want a refund" : "thanks, see you tomorrow")));
        }
        return records;
    }

    private static void awaitCommittedInput(Admin admin, String topic) {
        await("input offsets of all " + SNIPPETS + " snippets committed").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Map<?, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(APPLICATION)
                            .partitionsToOffsetAndMetadata().get();
                    return offsets.entrySet().stream()
                            .filter(e -> e.getKey().toString().startsWith(topic + "-") && e.getValue() != null)
                            .mapToLong(e -> e.getValue().offset()).sum();
                }, committed -> committed == SNIPPETS);
    }
}
