package dev.sift.gateway.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.Classification;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.context.ContextReplay;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.gateway.support.ExactlyOnce;
import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.IntentScore;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.sift.schema.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A context-aware gateway killed with {@code kill -9} mid-conversation, with turns of two-thread conversations in
 * flight: restarted on its state, it decides every turn exactly once and exactly as the offline evaluation of the same
 * bundle does (each turn judged with the earlier turns of its own thread), which is what a gateway that never crashed
 * decides.
 */
@ExtendWith(SharedBroker.class)
class ContextCrashIT {

    private static final String APPLICATION = "context-crash";
    private static final int CONVERSATIONS = 24;
    /** Scores that differ by less than this are the same (batch composition moves the last float bits). */
    private static final double SAME_SCORE = 1e-4;
    private static final String SESSION_TIMEOUT_MS = "6000";
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

    /** One turn of the traffic: its snippet and the earlier turns of its thread. */
    private record Turn(ConversationSnippet snippet, List<SpokenTurn> earlier) {
    }

    @TempDir
    Path dir;

    @Test
    void shouldDecideEveryTurnAsIfNeverCrashedAfterKillNineMidConversation(LocalKafkaBroker broker) throws Exception {
        ModelBundle bundle = TestBundles.contextBundle();
        List<List<Turn>> conversations = conversations();
        int total = conversations.stream().mapToInt(List::size).sum();
        Topics topics = new Topics(TopicNames.defaults().prefixed(APPLICATION));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);
        KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
        Map<String, String> config = GatewayFleet.onTopics(topics.names(), Map.of(
                "kafka.streams.default.application.id", APPLICATION,
                "kafka.streams.default.session.timeout.ms", SESSION_TIMEOUT_MS,
                "sift.model.bundle", bundle.directory().toString(),
                "sift.batching.max-size", "8",
                "sift.batching.max-wait", "50ms",
                "sift.decisions.min-intent-score", "0"));

        int committedAtKill;
        // Given a context-aware gateway that has decided the first half of every conversation
        try (GatewayFleet first = GatewayFleet.start(broker, 1, dir, config)) {
            int firstHalf = produce(kafka, topics, conversations, 0, 4);
            assertThat(kafka.readCommitted(topics.decisions(), firstHalf, Duration.ofMinutes(2)))
                    .hasSizeGreaterThanOrEqualTo(firstHalf);
            // When the rest arrives and the gateway is killed as soon as it has committed part of it
            try (KafkaConsumer<String, FilterDecision> decided = KafkaClients.committedReader(
                    broker.clientConfig(), topics.decisions().keySerde().deserializer(),
                    topics.decisions().valueSerde().deserializer())) {
                KafkaClients.assignAll(decided, topics.decisions().name(), Duration.ofSeconds(30));
                decided.seekToBeginning(decided.assignment());
                produce(kafka, topics, conversations, 4, Integer.MAX_VALUE);
                int seen = 0;
                Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
                while (seen <= firstHalf) {
                    assertThat(Instant.now()).as("a decision of the second half within 2 minutes")
                            .isBefore(deadline);
                    seen += decided.poll(Duration.ofMillis(20)).count();
                }
                committedAtKill = seen;
            }
            first.gateways().get(0).kill();
        }

        // Then the restarted gateway decides every turn once, as the offline evaluation does
        try (GatewayFleet restarted = GatewayFleet.start(broker, 1, dir, config)) {
            List<ConsumerRecord<String, FilterDecision>> decisions = kafka.readCommitted(topics.decisions(),
                    total, Duration.ofMinutes(2));
            ExactlyOnce.assertEachDecidedOnce(decisions, total);
            Comparison comparison = compare(bundle, conversations, decisions);
            assertThat(comparison.differentTopIntent()).as("turns whose top intent differs").isEmpty();
            assertThat(comparison.largestDifference()).as("largest score difference").isLessThan(SAME_SCORE);
            System.out.printf("CONTEXT-CRASH FIGURES: %d turns of %d two-thread conversations, gateway killed"
                    + " (kill -9) mid-conversation with %d decisions committed and restarted; every turn decided"
                    + " once; top intent as offline for %d of %d; largest score difference %.2e%n", total,
                    CONVERSATIONS, committedAtKill, total, total, comparison.largestDifference());
        }
    }

    private record Comparison(List<String> differentTopIntent, double largestDifference) {
    }

    private static Comparison compare(ModelBundle bundle, List<List<Turn>> conversations,
            List<ConsumerRecord<String, FilterDecision>> decisions) {
        Map<String, FilterDecision> byId = new HashMap<>();
        decisions.forEach(r -> byId.put(r.value().getSnippetId(), r.value()));
        List<Turn> turns = conversations.stream().flatMap(List::stream).toList();
        List<Classification> offline;
        try (OnnxClassifier classifier = OnnxClassifier.open(bundle, InferenceSettings.defaults())) {
            offline = new ContextReplay(classifier).classify(turns.stream()
                    .map(t -> new ContextReplay.TurnInThread(t.snippet().getText(), t.earlier())).toList());
        }
        List<String> different = new ArrayList<>();
        double largest = 0;
        for (int i = 0; i < turns.size(); i++) {
            FilterDecision decision = byId.get(turns.get(i).snippet().getSnippetId());
            Classification expected = offline.get(i);
            String top = null;
            float best = -1;
            for (IntentScore score : decision.getIntents()) {
                largest = Math.max(largest, Math.abs(score.getScore() - expected.intent(score.getIntent())));
                if (score.getScore() > best) {
                    best = score.getScore();
                    top = score.getIntent();
                }
            }
            assertThat(decision.getIntents()).hasSize(expected.intents().size());
            if (!expected.topIntent().equals(top)) {
                different.add(decision.getSnippetId() + ": gateway " + top + ", offline " + expected.topIntent());
            }
        }
        return new Comparison(different, largest);
    }

    /** Produces turns {@code from} (inclusive) to {@code to} (exclusive) of every conversation, interleaved. */
    private static int produce(KafkaTestClient kafka, Topics topics, List<List<Turn>> conversations, int from,
            int to) {
        List<Map.Entry<String, ConversationSnippet>> records = new ArrayList<>();
        int longest = conversations.stream().mapToInt(List::size).max().orElse(0);
        for (int t = from; t < Math.min(to, longest); t++) {
            for (List<Turn> conversation : conversations) {
                if (t < conversation.size()) {
                    ConversationSnippet snippet = conversation.get(t).snippet();
                    records.add(Map.entry(snippet.getConversationId(), snippet));
                }
            }
        }
        kafka.produce(topics.snippets(), records);
        return records.size();
    }

    /**
     * Support chats where a customer raises two problems in two threads at once: each thread's agent offer and the
     * customer's short yes, and a closing exchange on the main thread.
     */
    private static List<List<Turn>> conversations() {
        String[][] problems = {
            {"I want my money back", "Shall I send the money back to your card?", "yes please"},
            {"my order hasn't arrived", "Is the courier still showing it as in transit?", "yes, still happening"},
            {"I can't log in", "Is the password reset link not working for you?", "correct"},
            {"this plan is too expensive", "Would you like me to cancel your subscription?", "yes do it"},
            {"I was charged twice", "Was it the payment taken twice this month?", "yep that's it"},
        };
        List<List<Turn>> out = new ArrayList<>();
        for (int c = 0; c < CONVERSATIONS; c++) {
            String conversation = "ctx-conv-" + c;
            String[] a = problems[c % problems.length];
            String[] b = problems[(c + 2) % problems.length];
            Map<String, List<SpokenTurn>> threads = new LinkedHashMap<>();
            List<Turn> turns = new ArrayList<>();
            Object[][] script = {
                {"a", TurnRole.CUSTOMER, a[0]}, {"b", TurnRole.CUSTOMER, b[0]},
                {"a", TurnRole.SERVICE, a[1]}, {"b", TurnRole.SERVICE, b[1]},
                {"b", TurnRole.CUSTOMER, b[2]}, {"a", TurnRole.CUSTOMER, a[2]},
                {null, TurnRole.SERVICE, "Is there anything else I can help you with?"},
                {null, TurnRole.CUSTOMER, "no that's all, thanks"},
            };
            for (int t = 0; t < script.length; t++) {
                String thread = (String) script[t][0];
                TurnRole role = (TurnRole) script[t][1];
                String text = (String) script[t][2];
                List<SpokenTurn> earlier = threads.computeIfAbsent(String.valueOf(thread), k -> new ArrayList<>());
                ConversationSnippet snippet = ConversationSnippet.newBuilder()
                        .setSnippetId(conversation + "/" + t).setConversationId(conversation).setTenant("acme")
                        .setChannel("chat")
                        .setSpeaker(Speaker.newBuilder().setId(role == TurnRole.CUSTOMER ? "customer" : "agent")
                                .setRole(role == TurnRole.CUSTOMER ? SpeakerRole.CUSTOMER : SpeakerRole.AGENT).build())
                        .setText(text).setThreadId(thread)
                        .setEventTime(START.plusSeconds(60L * c + 5L * t)).build();
                turns.add(new Turn(snippet, List.copyOf(earlier)));
                earlier.add(new SpokenTurn(role, text));
            }
            out.add(turns);
        }
        return out;
    }
}
