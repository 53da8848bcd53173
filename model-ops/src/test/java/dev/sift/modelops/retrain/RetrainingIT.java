package dev.sift.modelops.retrain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.learning.DatasetStore;
import dev.sift.modelops.learning.LearningConfig;
import dev.sift.modelops.publish.ReleaseLog;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.modelops.service.ModelOpsService;
import dev.sift.modelops.service.ReoptimizationJob;
import dev.sift.modelops.service.RunStatus;
import dev.sift.modelops.service.ServiceConfig;
import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.IntentScore;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.RequestKind;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.Speaker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.release.ReleaseSignedForm;
import dev.sift.schema.topic.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning loop end to end on a real broker: requests and teacher labels on the topics become a versioned data
 * set; {@code model-ops serve} retrains on it when the teacher disagrees with the model, judges the result against the
 * live model on the held-out labels and publishes a signed release that has an output for the new intent; a run
 * without new labels publishes nothing, and so does a run whose candidate is worse than live, and a re-optimization
 * of the base bundle that lacks the learned intent.
 */
class RetrainingIT {

    private static final Instant DAY_AGO = Instant.now().minus(Duration.ofDays(1));
    private static final String NEW_INTENT = "data_export_request";

    @TempDir
    Path dir;

    @Test
    void shouldRetrainOnTheStreamAndShipOnlyWhatBeatsTheLiveModel() throws Exception {
        ModelBundle base = DefaultBundle.ensure(Progress.NONE);
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            // Given forwarded and audit requests with the teacher's labels: 150 snippets, 60 of them requests to
            // export one's data (an intent the default model does not know, matched as privacy or not at all)
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(List.of(topics.llmRequests(), topics.auditRequests(),
                    topics.feedback(), topics.releases()), 2, (short) 1);
            List<String> exports = FeedbackCorpus.dataExportRequests();
            List<String> complaints = FeedbackCorpus.complaints();
            List<String> praise = FeedbackCorpus.praise();
            List<String> chat = FeedbackCorpus.chitChat();
            List<Labeled> first = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                int n = i / 5;
                Instant at = DAY_AGO.plus(Duration.ofMinutes(i));
                first.add(switch (i % 5) {
                    case 0 -> new Labeled("s" + i, exports.get(2 * n), RequestKind.FORWARD, List.of("privacy_request"),
                            LabelOrigin.LLM, List.of(NEW_INTENT), at);
                    case 2 -> new Labeled("s" + i, exports.get(2 * n + 1), RequestKind.AUDIT, List.of(),
                            LabelOrigin.LLM, List.of(NEW_INTENT), at);
                    case 1 -> new Labeled("s" + i, complaints.get(n), RequestKind.FORWARD, List.of("complaint"),
                            LabelOrigin.LLM, List.of("complaint"), at);
                    case 3 -> new Labeled("s" + i, chat.get(n), RequestKind.AUDIT, List.of(), LabelOrigin.LLM,
                            List.of(), at);
                    default -> new Labeled("s" + i, praise.get(n), RequestKind.FORWARD, List.of("praise"),
                            LabelOrigin.LLM, List.of("praise"), at);
                });
            }
            write(broker, topics, first);
            // And feedback a platform got wrong: not a record, too many intents, a name that is no name, a time
            // in the future, and a label for a snippet no request names
            writeBadFeedback(broker, topics);
            KeyPair keys = SigningKeys.generate();
            SigningKeys.write(keys, dir.resolve("keys"), "release");

            // When model-ops serve looks at the topics
            try (ApplicationContext service = ModelOpsService.start(config(broker))) {
                ReoptimizationJob job = service.getBean(ReoptimizationJob.class);
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200))
                        .until(() -> job.last().filter(s -> s.finished() != null).isPresent());
                RunStatus run = job.last().orElseThrow();

                // Then the disagreement started a run, which published a signed release with the new intent
                assertThat(run.trigger()).isEqualTo(Trigger.DRIFT.label());
                assertThat(run.state()).as(run.detail()).isEqualTo(RunStatus.PUBLISHED);
                ReleaseLog log = new ReleaseLog(broker.clientConfig(), List.of(keys.getPublic()));
                ModelRelease release = log.latest(topics.releases()).orElseThrow();
                assertThat(BundleSignatures.verify(ReleaseSignedForm.of(release), release.getSignature(),
                        keys.getPublic())).isTrue();
                assertThat(release.getIntents()).contains(NEW_INTENT)
                        .containsAll(base.manifest().intents().orElseThrow().labels());
                assertThat(release.getNotes()).contains("new intents: " + NEW_INTENT);
                assertThat(release.getMetrics().get("heldOutMicroF1"))
                        .isGreaterThan(release.getMetrics().get("liveHeldOutMicroF1"));
                Path archive = Path.of(URI.create(release.getBundleUri()));
                assertThat(release.getSha256()).isEqualTo(Sha256.ofFile(archive));
                ModelBundle published = BundleArchive.unpack(archive, dir.resolve("published"));
                assertThat(published.manifest().intents().orElseThrow().labels()).contains(NEW_INTENT);
                assertThat(published.manifest().precision()).isEqualTo("int8");

                // And the data set it learned from is in the store, with its counts and the refused records
                DatasetStore datasets = new DatasetStore(dir.resolve("store/datasets"));
                String version = published.manifest().provenance().get("feedbackDataset");
                JsonNode manifest = new ObjectMapper().readTree(datasets.directory(version)
                        .resolve(DatasetStore.MANIFEST).toFile());
                assertThat(manifest.get("examples").asInt()).isEqualTo(150);
                assertThat(manifest.get("heldOut").asInt()).isEqualTo(30);
                assertThat(manifest.at("/intents/" + NEW_INTENT + "/train").asInt()).isEqualTo(48);
                assertThat(manifest.at("/intents/" + NEW_INTENT + "/heldOut").asInt()).isEqualTo(12);
                assertThat(manifest.at("/origins/LLM").asInt()).isEqualTo(150);
                assertThat(manifest.at("/refused/UNREADABLE").asLong()).isEqualTo(1);
                assertThat(manifest.at("/refused/TOO_MANY_INTENTS").asLong()).isEqualTo(1);
                assertThat(manifest.at("/refused/INVALID_INTENT").asLong()).isEqualTo(1);
                assertThat(manifest.at("/refused/FUTURE_LABEL_TIME").asLong()).isEqualTo(1);
                assertThat(Files.readAllLines(datasets.directory(version).resolve(DatasetStore.EXAMPLES))).hasSize(150);
                MeterRegistry meters = service.getBean(MeterRegistry.class);
                assertThat(meters.get("sift.learning.teacher.labels").counter().count()).isEqualTo(150);
                assertThat(meters.get("sift.learning.teacher.disagreements").counter().count()).isEqualTo(60);
                assertThat(meters.get("sift.learning.refused").tag("reason", "invalid_intent").counter().count())
                        .isEqualTo(1);

                // When it runs again with no new labels
                RunStatus again = job.runOnce("test");

                // Then it publishes nothing, and says why
                assertThat(again.state()).isEqualTo(RunStatus.NOT_PUBLISHED);
                assertThat(again.detail()).contains("no new labels").contains(version)
                        .contains(release.getVersion());

                // When a rule backfills old labels that contradict the teacher, and it runs again
                List<Labeled> backfill = new ArrayList<>();
                for (int i = 0; i < 80; i++) {
                    Instant at = DAY_AGO.minus(Duration.ofDays(1)).plus(Duration.ofMinutes(i));
                    backfill.add(i % 2 == 0
                            ? new Labeled("b" + i, exports.get(60 + i / 2), RequestKind.AUDIT, List.of(),
                                    LabelOrigin.RULE, List.of(), at)
                            : new Labeled("b" + i, chat.get(30 + i / 2), RequestKind.AUDIT, List.of(),
                                    LabelOrigin.RULE, List.of(NEW_INTENT), at));
                }
                write(broker, topics, backfill);
                RunStatus worse = job.runOnce("test");

                // Then the worse candidate is judged against the live release and not published
                assertThat(worse.state()).as(worse.detail()).isEqualTo(RunStatus.NOT_PUBLISHED);
                assertThat(worse.detail()).contains("is not better than live release " + release.getVersion());
                assertThat(log.trusted(topics.releases())).hasSize(1);
                assertThat(dir.resolve("store/runs").resolve(worse.id()).resolve("retraining.json")).exists();
                assertThat(dir.resolve("store/runs").resolve(worse.id()).resolve("candidates")).doesNotExist();

                // When the feedback can no longer judge a model (so the run re-optimizes the base bundle on the
                // static labels) and any speed-up over live would do
                service.getBean(LearningConfig.class).setMinHeldOut(1_000_000);
                service.getBean(ServiceConfig.class).setMinSpeedupOverLive(0);
                RunStatus reoptimized = job.runOnce("test");

                // Then a model without the learned intent is not published
                assertThat(reoptimized.state()).as(reoptimized.detail()).isEqualTo(RunStatus.NOT_PUBLISHED);
                assertThat(reoptimized.detail()).contains("lacks intents [" + NEW_INTENT + "]");
                assertThat(log.trusted(topics.releases())).hasSize(1);
            }
        }
    }

    private Map<String, Object> config(LocalKafkaBroker broker) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("micronaut.server.port", -1);
        config.put("sift.model-ops.store", dir.resolve("store").toString());
        config.put("sift.model-ops.signing-key", dir.resolve("keys/release.key").toString());
        config.put("sift.model-ops.public-key", dir.resolve("keys/release.pub").toString());
        config.put("sift.model-ops.schedule.enabled", false);
        config.put("sift.model-ops.prune-ratios", List.of(0.0));
        config.put("sift.model-ops.keep-fp32", List.of(0));
        config.put("sift.model-ops.max-drop-points", 5.0);
        config.put("sift.model-ops.calibration-sample", 64);
        config.put("sift.learning.check-interval", "1s");
        config.put("sift.learning.min-new-labels", 0);
        config.put("sift.learning.drift-rate", 0.3);
        config.put("sift.learning.drift-min-labels", 100);
        config.put("sift.learning.min-held-out", 20);
        // The cost the default bundle chose: one cost instead of a grid keeps a retraining within a minute.
        config.put("sift.learning.costs", List.of(8.0));
        return config;
    }

    /** A snippet as the gateway forwarded or audited it, and its label. */
    private record Labeled(String snippetId, String text, RequestKind kind, List<String> modelIntents,
            LabelOrigin origin, List<String> intents, Instant labeledAt) {
    }

    private static void write(LocalKafkaBroker broker, Topics topics, List<Labeled> snippets) throws Exception {
        Properties props = new Properties();
        props.putAll(broker.clientConfig());
        try (var requests = new KafkaProducer<>(props, topics.llmRequests().keySerde().serializer(),
                topics.llmRequests().valueSerde().serializer());
                var feedback = new KafkaProducer<>(props, topics.feedback().keySerde().serializer(),
                        topics.feedback().valueSerde().serializer())) {
            for (Labeled s : snippets) {
                String topic = s.kind() == RequestKind.FORWARD ? topics.llmRequests().name()
                        : topics.auditRequests().name();
                requests.send(new ProducerRecord<>(topic, "conv-" + s.snippetId(), request(s))).get();
                feedback.send(new ProducerRecord<>(topics.feedback().name(), s.snippetId(), feedback(s.snippetId(),
                        s.intents(), s.origin(), s.labeledAt()))).get();
            }
        }
    }

    private static void writeBadFeedback(LocalKafkaBroker broker, Topics topics) throws Exception {
        Properties props = new Properties();
        props.putAll(broker.clientConfig());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add("intent_" + i);
        }
        try (var raw = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
                var feedback = new KafkaProducer<>(props, topics.feedback().keySerde().serializer(),
                        topics.feedback().valueSerde().serializer())) {
            raw.send(new ProducerRecord<>(topics.feedback().name(), "x".getBytes(StandardCharsets.UTF_8),
                    "not avro at all".getBytes(StandardCharsets.UTF_8))).get();
            feedback.send(new ProducerRecord<>(topics.feedback().name(), "s0", feedback("s0", many, LabelOrigin.HUMAN,
                    DAY_AGO))).get();
            feedback.send(new ProducerRecord<>(topics.feedback().name(), "s1", feedback("s1",
                    List.of("../../etc/passwd"), LabelOrigin.HUMAN, DAY_AGO))).get();
            feedback.send(new ProducerRecord<>(topics.feedback().name(), "s2", feedback("s2", List.of("praise"),
                    LabelOrigin.LLM, Instant.now().plus(Duration.ofDays(365))))).get();
            feedback.send(new ProducerRecord<>(topics.feedback().name(), "ghost", feedback("ghost",
                    List.of("complaint"), LabelOrigin.HUMAN, DAY_AGO))).get();
        }
    }

    private static LlmRequest request(Labeled s) {
        ConversationSnippet snippet = ConversationSnippet.newBuilder().setSnippetId(s.snippetId())
                .setConversationId("conv-" + s.snippetId()).setTenant("acme").setChannel("chat")
                .setSpeaker(Speaker.newBuilder().setId("u1").build()).setText(s.text())
                .setEventTime(s.labeledAt().minusSeconds(30)).build();
        return LlmRequest.newBuilder().setSnippet(snippet)
                .setMatchedIntents(s.modelIntents().stream().map(i -> IntentScore.newBuilder().setIntent(i)
                        .setScore(0.9f).setThreshold(0.8f).setMatched(true).build()).toList())
                .setReasons(List.of()).setPolicy(AppliedPolicy.newBuilder().setPolicyId("acme").setRevision(1).build())
                .setModelVersion("sift-default").setDecidedAt(s.labeledAt().minusSeconds(20)).setKind(s.kind())
                .build();
    }

    private static SnippetFeedback feedback(String snippetId, List<String> intents, LabelOrigin origin,
            Instant labeledAt) {
        return SnippetFeedback.newBuilder().setSnippetId(snippetId).setIntents(new ArrayList<>(intents))
                .setPolarity(null).setSource(origin.name().toLowerCase()).setLabeledAt(labeledAt).setOrigin(origin)
                .setLabeler(origin == LabelOrigin.LLM ? "gpt-test" : "reviewer").build();
    }
}
