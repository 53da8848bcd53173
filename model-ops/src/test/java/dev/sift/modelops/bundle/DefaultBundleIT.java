package dev.sift.modelops.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.Classification;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.modelops.console.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default bundle, built by the project's own command, loaded by the runtime as the gateway loads it. */
class DefaultBundleIT {

    /**
     * How long a 256-snippet inference runs before the classifier is closed under it: a pace, not a wait (the
     * classifier shows nothing to wait on, and the inference runs far longer than this).
     */
    private static final Duration INFERENCE_HEAD_START = Duration.ofMillis(20);

    private static ModelBundle bundle;
    private static OnnxClassifier classifier;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        bundle = DefaultBundle.ensure(Progress.NONE);
        classifier = OnnxClassifier.open(bundle, InferenceSettings.defaults());
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void shouldBeOneGraphWithCalibratedIntentAndReputationOutputs() {
        BundleManifest m = bundle.manifest();

        assertThat(m.intents().orElseThrow().labels()).hasSizeGreaterThanOrEqualTo(12);
        assertThat(m.reputation().orElseThrow().labels()).containsExactly("negative", "neutral", "positive");
        assertThat(m.intents().orElseThrow().calibration().method()).isEqualTo("platt");
        assertThat(m.baseModel().name()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(m.metrics()).containsKeys("intents.selection.micro-F1@0.5", "reputation.selection.accuracy");
        assertThat(m.files()).containsKeys("model.onnx", "tokenizer.json", "intents.labels", "reputation.labels");
    }

    @Test
    void shouldRecogniseClearIntentsAndPolarity() {
        List<Classification> scores = classifier.classify(List.of(
                "I want to cancel my subscription, I'm moving to another provider",
                "can I please speak to a real person instead of this bot",
                "absolutely love the new app update, great job team"));

        assertThat(scores.get(0).intent("cancellation_risk")).isGreaterThan(0.5f);
        assertThat(scores.get(1).intent("human_agent_request")).isGreaterThan(0.5f);
        assertThat(scores.get(2).reputation("positive")).isGreaterThan(0.5f);
        float sum = 0;
        for (float p : scores.get(2).reputationScores()) {
            sum += p;
        }
        assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void shouldScoreASnippetTheSameAloneOrPaddedInABatch() {
        // Given a snippet and a slightly longer one: close enough in length to share one padded inference call
        String text = "my parcel never arrived";
        Classification alone = classifier.classify(text);
        Classification batched = classifier.classify(List.of("my parcel never arrived at all", text)).get(1);

        for (int i = 0; i < alone.intentScores().length; i++) {
            assertThat(batched.intentScores()[i]).isCloseTo(alone.intentScores()[i],
                    org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void shouldScoreEverySnippetOfAMixedLengthBatchAsItScoresAlone() {
        // Given snippets from one word to far beyond the model's 128 tokens, in no particular order
        List<String> texts = new ArrayList<>(List.of("refund please",
                "I have been waiting for three weeks and my order still has not arrived, cancel it", "ok",
                "great service from the crew today, thank you so much for the upgrade to business class",
                "my card was charged twice ".repeat(40)));
        texts.addAll(texts.subList(0, 4));

        // When they are scored together
        List<Classification> together = classifier.classify(texts);

        // Then each gets the scores it gets alone, in input order, and only the long one is truncated
        for (int i = 0; i < texts.size(); i++) {
            Classification alone = classifier.classify(texts.get(i));
            assertThat(together.get(i).tokenCount()).isEqualTo(alone.tokenCount());
            assertThat(together.get(i).truncated()).isEqualTo(i == 4);
            for (int k = 0; k < alone.intentScores().length; k++) {
                assertThat(together.get(i).intentScores()[k]).isCloseTo(alone.intentScores()[k],
                        org.assertj.core.data.Offset.offset(1e-4f));
            }
        }
    }

    @Test
    void shouldServeConcurrentCallersAndCountTruncations() throws Exception {
        long truncatedBefore = classifier.stats().truncated();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Classification>>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                results.add(pool.submit(() -> classifier.classify(List.of("where is my order " + n,
                        "very long ".repeat(200)))));
            }
            for (Future<List<Classification>> r : results) {
                assertThat(r.get()).hasSize(2);
                assertThat(r.get().get(1).truncated()).isTrue();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(classifier.stats().truncated() - truncatedBefore).isEqualTo(40);
    }

    @Test
    void shouldCloseOnlyAfterRunningInferencesFinish() throws Exception {
        OnnxClassifier own = OnnxClassifier.open(bundle, InferenceSettings.defaults());
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            many.add("snippet number " + i + " about a delayed delivery and a refund");
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<List<Classification>> running = pool.submit(() -> own.classify(many));
        Thread.sleep(INFERENCE_HEAD_START.toMillis());

        own.close();

        assertThat(running.get()).hasSize(256);
        assertThatThrownBy(() -> own.classify("after close")).isInstanceOf(IllegalStateException.class);
        pool.shutdown();
    }

    @Test
    void shouldRefuseATamperedGraph() throws IOException {
        Path copy = copyOf(bundle.directory());
        byte[] graph = Files.readAllBytes(copy.resolve("model.onnx"));
        graph[graph.length / 2] ^= 1;
        Files.write(copy.resolve("model.onnx"), graph);

        assertThatThrownBy(() -> ModelBundle.open(copy)).isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("model.onnx").hasMessageContaining("corrupt or was modified");
    }

    @Test
    void shouldRefuseACorruptGraphEvenWhenItsHashWasResealed() throws IOException {
        Path copy = copyOf(bundle.directory());
        Files.write(copy.resolve("model.onnx"), new byte[] {1, 2, 3, 4});
        ModelBundle resealed = BundleWriter.seal(copy, bundle.manifest());

        assertThatThrownBy(() -> OnnxClassifier.open(resealed, InferenceSettings.defaults()))
                .isInstanceOf(InvalidBundleException.class).hasMessageContaining("cannot be loaded by ONNX Runtime");
    }

    @Test
    void shouldRefuseLabelsThatDoNotMatchTheGraph() throws IOException {
        Path copy = copyOf(bundle.directory());
        BundleManifest m = bundle.manifest();
        List<String> labels = new ArrayList<>(m.intents().orElseThrow().labels());
        labels.add("extra_intent");
        Map<String, BundleManifest.Head> heads = new LinkedHashMap<>(m.heads());
        heads.put(BundleManifest.INTENTS, new BundleManifest.Head("intent_probs", "sigmoid", labels, null));
        ModelBundle mismatched = BundleWriter.seal(copy, new BundleManifest(m.formatVersion(), m.name(), m.version(),
                m.createdAt(), m.baseModel(), m.maxTokens(), m.precision(), m.modelFile(), m.tokenizerFile(), heads,
                m.metrics(), Map.of(), m.provenance()));

        assertThatThrownBy(() -> OnnxClassifier.open(mismatched, InferenceSettings.defaults()))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("manifest lists " + labels.size() + " labels");
    }

    private Path copyOf(Path source) throws IOException {
        Path target = dir.resolve("copy");
        Files.createDirectories(target);
        try (var files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }
}
