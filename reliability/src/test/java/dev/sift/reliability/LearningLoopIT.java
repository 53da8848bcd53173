package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.publish.ReleaseLog;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.modelops.service.ModelOpsService;
import dev.sift.modelops.service.ReoptimizationJob;
import dev.sift.modelops.service.RunStatus;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning loop end to end, every part real: two gateway JVMs decide traffic on a broker and audit a share of
 * what they drop; model-ops' service labels the forwarded and audited requests with its LLM labeler against a local
 * chat-completions server (which knows what each text was written for and rate-limits now and then), collects the
 * labels, and starts a retraining by itself when enough have arrived; the release it signs and publishes has an
 * output for an intent the starting model does not know, and both gateways take it. Fresh traffic, worded
 * differently, then shows the new intent found, more relevant turns forwarded, hardly more irrelevant ones, and
 * nothing lost or duplicated anywhere on the way.
 */
class LearningLoopIT {

    private static final String NEW_INTENT = "data_export_request";
    private static final double AUDIT_RATE = 0.6;

    @TempDir
    Path dir;

    @Test
    void shouldLearnANewIntentFromTheTeacherAndShipItToEveryGateway() throws Exception {
        KeyPair keys = SigningKeys.generate();
        SigningKeys.write(keys, dir.resolve("keys"), "release");
        Traffic learnFrom = Traffic.of("a", LoopCorpus.exportsToLearn(), LoopCorpus.complaints().subList(0, 40),
                LoopCorpus.praise().subList(0, 30), LoopCorpus.chitChat().subList(0, 100));
        Traffic fresh = Traffic.of("b", LoopCorpus.freshExports(), LoopCorpus.complaints().subList(40, 60),
                LoopCorpus.praise().subList(30, 48), LoopCorpus.chitChat().subList(100, 150));
        Map<String, List<String>> truth = new HashMap<>(learnFrom.truthByText());
        truth.putAll(fresh.truthByText());
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start();
             TruthfulChatServer llm = new TruthfulChatServer(truth)) {
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 4, (short) 1);
            KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
            try (GatewayFleet fleet = GatewayFleet.start(broker, 2, dir.resolve("fleet"), gatewayConfig())) {
                // Given traffic the gateways decided with the starting model, which has no output for the new intent
                kafka.produce(topics.snippets(), learnFrom.records());
                Figures before = Figures.of(learnFrom, kafka.readCommitted(topics.decisions(), learnFrom.size(),
                        Duration.ofMinutes(3)));
                assertThat(before.decided()).isEqualTo(learnFrom.size());
                assertThat(before.newIntentRecall()).isZero();
                String startingModel = GatewayFleet.model(fleet.gateways().get(0)).path("version").asText();

                // When model-ops runs with its labeler pointed at the LLM
                try (ApplicationContext modelOps = ModelOpsService.start(modelOpsConfig(broker, llm))) {
                    // Then it labels, retrains by itself, and publishes a release with the new intent
                    ReleaseLog log = new ReleaseLog(broker.clientConfig(), List.of(keys.getPublic()));
                    ReoptimizationJob job = modelOps.getBean(ReoptimizationJob.class);
                    ModelRelease release = await().atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(1))
                            .until(() -> finished(job) ? log.latest(topics.releases()).orElseThrow(
                                    () -> new AssertionError("nothing published: " + job.last().orElseThrow()))
                                    : null, r -> r != null);
                    RunStatus run = job.last().orElseThrow();
                    assertThat(run.trigger()).isIn("labels", "drift");
                    assertThat(release.getIntents()).contains(NEW_INTENT);

                    // And both gateways serve it
                    for (GatewayProcess gateway : fleet.gateways()) {
                        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(
                                () -> GatewayFleet.model(gateway).path("version").asText(),
                                release.getVersion()::equals);
                    }

                    // When fresh traffic, worded unlike anything labeled, arrives
                    kafka.produce(topics.snippets(), fresh.records());
                    List<ConsumerRecord<String, FilterDecision>> decisions = kafka.readCommitted(topics.decisions(),
                            learnFrom.size() + fresh.size(), Duration.ofMinutes(3));
                    Figures after = Figures.of(fresh, decisions);

                    // Then the new intent is found, more relevant turns are forwarded and hardly more irrelevant ones
                    assertThat(after.decided()).isEqualTo(fresh.size());
                    assertThat(after.models()).containsOnly(release.getVersion());
                    assertThat(after.newIntentRecall()).as(after.toString()).isGreaterThanOrEqualTo(0.8);
                    assertThat(after.relevantRecall()).as(after + " vs " + before)
                            .isGreaterThan(before.relevantRecall());
                    assertThat(after.irrelevantForwardRate()).as(after + " vs " + before)
                            .isLessThanOrEqualTo(before.irrelevantForwardRate() + 0.01);

                    // And nothing was lost or duplicated: each snippet decided once, each forwarded one requested
                    // once, each request labeled once
                    Map<String, Long> decidedTimes = counts(decisions, r -> r.value().getSnippetId());
                    Set<String> sent = new HashSet<>(learnFrom.ids());
                    sent.addAll(fresh.ids());
                    assertThat(decidedTimes.keySet()).isEqualTo(sent);
                    assertThat(decidedTimes.values()).containsOnly(1L);
                    Set<String> forwarded = decisions.stream().filter(r -> r.value().getForwarded())
                            .map(r -> r.value().getSnippetId()).collect(Collectors.toSet());
                    List<ConsumerRecord<String, LlmRequest>> requests = kafka.readCommitted(topics.llmRequests(),
                            forwarded.size(), Duration.ofMinutes(1));
                    assertThat(counts(requests, r -> r.value().getSnippet().getSnippetId()))
                            .containsOnlyKeys(forwarded).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
                    int audited = kafka.readCommitted(topics.auditRequests(), 1, Duration.ofSeconds(10)).size();
                    List<ConsumerRecord<String, SnippetFeedback>> labels = kafka.readCommitted(topics.feedback(),
                            forwarded.size() + audited, Duration.ofMinutes(2));
                    assertThat(counts(labels, ConsumerRecord::key)).hasSize(forwarded.size() + audited)
                            .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
                    assertThat(llm.rateLimited()).isPositive();
                    System.out.printf("LEARNING-LOOP FIGURES: %s recall %.1f%% -> %.1f%% (fresh wording); relevant"
                            + " turns forwarded %.1f%% -> %.1f%%; irrelevant %.1f%% -> %.1f%%; model %s -> %s (run"
                            + " %s, trigger %s: %s); %d labels, %d requests rate-limited once%n", NEW_INTENT,
                            100 * before.newIntentRecall(), 100 * after.newIntentRecall(),
                            100 * before.relevantRecall(), 100 * after.relevantRecall(),
                            100 * before.irrelevantForwardRate(), 100 * after.irrelevantForwardRate(), startingModel,
                            release.getVersion(), run.id(), run.trigger(), run.detail(), labels.size(),
                            llm.rateLimited());
                }
            }
        }
    }

    private static boolean finished(ReoptimizationJob job) {
        return job.last().filter(s -> s.finished() != null).isPresent();
    }

    private Map<String, String> gatewayConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.streams.default.application.id", "learning-loop");
        config.put("sift.model.bundle", TestBundles.int8(Path.of("target", "bundles"), "learning-loop-int8")
                .directory().toString());
        config.put("sift.releases.trusted-keys", dir.resolve("keys/release.pub").toString());
        config.put("sift.releases.stores", dir.resolve("model-ops").toUri().toString());
        config.put("sift.policy.default.audit-rate", Double.toString(AUDIT_RATE));
        return config;
    }

    private Map<String, Object> modelOpsConfig(LocalKafkaBroker broker, TruthfulChatServer llm) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("micronaut.server.port", -1);
        config.put("sift.model-ops.store", dir.resolve("model-ops").toString());
        config.put("sift.model-ops.signing-key", dir.resolve("keys/release.key").toString());
        config.put("sift.model-ops.public-key", dir.resolve("keys/release.pub").toString());
        config.put("sift.model-ops.schedule.enabled", false);
        config.put("sift.model-ops.prune-ratios", List.of(0.0));
        config.put("sift.model-ops.keep-fp32", List.of(0));
        config.put("sift.model-ops.max-drop-points", 5.0);
        config.put("sift.model-ops.calibration-sample", 64);
        config.put("sift.labeler.enabled", true);
        config.put("sift.labeler.base-url", llm.baseUrl());
        config.put("sift.labeler.model", "truthful-test-llm");
        config.put("sift.labeler.instance-id", "learning-loop-it");
        config.put("sift.labeler.requests-per-second", 0);
        config.put("sift.labeler.tokens-per-minute", 0);
        config.put("sift.labeler.initial-backoff", "10ms");
        config.put("sift.labeler.max-backoff", "100ms");
        // The triggers look every few seconds; the first look after the labels are in starts the run.
        config.put("sift.learning.check-interval", "10s");
        config.put("sift.learning.min-new-labels", 120);
        config.put("sift.learning.min-held-out", 20);
        config.put("sift.learning.costs", List.of(8.0));
        return config;
    }

    private static <T> Map<String, Long> counts(List<T> records, Function<T, String> id) {
        return records.stream().collect(Collectors.groupingBy(id, Collectors.counting()));
    }

    /** One wave of traffic: snippets with the intents they were written for. */
    private record Traffic(Map<String, List<String>> intentsById, Map<String, String> textById,
            List<Map.Entry<String, ConversationSnippet>> records) {

        static Traffic of(String wave, List<String> exports, List<String> complaints, List<String> praise,
                List<String> chitChat) {
            Map<String, List<String>> intents = new LinkedHashMap<>();
            Map<String, String> texts = new LinkedHashMap<>();
            List<Map.Entry<String, ConversationSnippet>> records = new ArrayList<>();
            List<List<String>> kinds = List.of(exports, complaints, praise, chitChat);
            List<List<String>> labels = List.of(List.of(NEW_INTENT), List.of("complaint"), List.of("praise"),
                    List.of());
            int longest = kinds.stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < longest; i++) {
                for (int k = 0; k < kinds.size(); k++) {
                    if (i < kinds.get(k).size()) {
                        String id = wave + "-" + k + "-" + i;
                        String conversation = wave + "-conv-" + (i % 20);
                        intents.put(id, labels.get(k));
                        texts.put(id, kinds.get(k).get(i));
                        records.add(Map.entry(conversation, Snippets.snippet(id, conversation, kinds.get(k).get(i))));
                    }
                }
            }
            return new Traffic(intents, texts, records);
        }

        int size() {
            return records.size();
        }

        Set<String> ids() {
            return intentsById.keySet();
        }

        Map<String, List<String>> truthByText() {
            Map<String, List<String>> out = new HashMap<>();
            intentsById.forEach((id, intents) -> out.put(textById.get(id), intents));
            return out;
        }
    }

    /** What the gateways decided about one wave, against what it was written for. */
    private record Figures(int decided, double newIntentRecall, double relevantRecall, double irrelevantForwardRate,
            Set<String> models) {

        static Figures of(Traffic traffic, List<ConsumerRecord<String, FilterDecision>> decisions) {
            int decided = 0;
            int newIntent = 0;
            int newIntentFound = 0;
            int relevant = 0;
            int relevantForwarded = 0;
            int irrelevant = 0;
            int irrelevantForwarded = 0;
            Set<String> models = new HashSet<>();
            for (ConsumerRecord<String, FilterDecision> record : decisions) {
                FilterDecision d = record.value();
                List<String> truth = traffic.intentsById().get(d.getSnippetId());
                if (truth == null) {
                    continue;
                }
                decided++;
                models.add(d.getModelVersion());
                if (truth.contains(NEW_INTENT)) {
                    newIntent++;
                    boolean found = d.getForwarded() && d.getIntents().stream()
                            .anyMatch(s -> s.getMatched() && s.getIntent().equals(NEW_INTENT));
                    newIntentFound += found ? 1 : 0;
                }
                if (truth.isEmpty()) {
                    irrelevant++;
                    irrelevantForwarded += d.getForwarded() ? 1 : 0;
                } else {
                    relevant++;
                    relevantForwarded += d.getForwarded() ? 1 : 0;
                }
            }
            return new Figures(decided, ratio(newIntentFound, newIntent), ratio(relevantForwarded, relevant),
                    ratio(irrelevantForwarded, irrelevant), models);
        }

        private static double ratio(int part, int whole) {
            return whole == 0 ? 0 : (double) part / whole;
        }
    }
}
