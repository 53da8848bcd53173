package dev.sift.modelops.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sift.classifier.Classification;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.BundleBuilder;
import dev.sift.modelops.bundle.BundleSizes;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.train.Activation;
import dev.sift.modelops.train.LinearHead;
import dev.sift.modelops.vocab.VocabularyPlan;
import dev.sift.modelops.vocab.VocabularyPruning;
import dev.sift.modelops.vocab.WordPieceTokenizerFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimization search with a pruned vocabulary, on a bundle built on the MobileBERT-structure fixture. */
class VocabularyPrunedSearchTest {

    private static final List<LabeledSnippet> TRAIN = List.of(
            snippet("my card was declined", "card"), snippet("the card does not work", "card"),
            snippet("where is my parcel", "delivery"), snippet("the package has not arrived", "delivery"),
            snippet("I want my money back", "refund"), snippet("please refund the last order", "refund"));
    private static final List<LabeledSnippet> TEST = List.of(
            snippet("my debit card got rejected at the pharmacy", "card"),
            snippet("the courier never delivered my parcel", "delivery"),
            snippet("reimburse me immediately", "refund"));

    @TempDir
    Path temp;

    @Test
    void shouldGiveEveryCandidateThePrunedVocabularyWhileJudgingAgainstTheFullFp32Bundle() throws Exception {
        Path fixture = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given an FP32 bundle (MobileBERT-structure encoder, mean pooling, an intent head) and its training texts
        ModelBundle base = bundle(fixture);
        Dataset data = Dataset.of("tiny", TRAIN, List.of(), TEST);
        List<String> calibration = TRAIN.stream().map(LabeledSnippet::text).toList();
        VocabularyPlan plan = new VocabularyPlan(0, List.of());
        SearchOptions options = new SearchOptions(List.of(0.0), List.of(-1, 0), List.of(0.0), 100,
                SearchOptions.Objective.SMALLEST, 16, 1, false, Optional.of(plan));
        VocabularyPruning vocabulary = plan.choose(base.tokenizerFile(), data, calibration);

        // When the search runs with a vocabulary plan
        SearchReport report = new OptimizationSearch(options, Progress.NONE).run(new OptimizationSearch.Inputs(base,
                data, TEST, calibration, Map.of()), temp.resolve("search"));

        // Then the reference is the full FP32 bundle and every other candidate has the pruned vocabulary
        assertThat(report.candidates()).extracting(Candidate::id)
                .containsExactly("fp32", "prune0-fp32-vocab", "prune0-int8-vocab");
        assertThat(report.candidates().get(0).bundle().version()).isEqualTo(base.version());
        long fullTable = BundleSizes.of(base).parts().get(BundleSizes.WORD_EMBEDDINGS);
        for (Candidate candidate : report.candidates().subList(1, 3)) {
            ModelBundle bundle = candidate.bundle();
            assertThat(WordPieceTokenizerFile.read(bundle.tokenizerFile()).size()).isEqualTo(vocabulary.kept().size());
            assertThat(bundle.manifest().provenance().get("vocabulary")).isEqualTo(vocabulary.describe());
            // And its manifest records the size of each part, the word table far smaller than the base's
            Map<String, Double> metrics = bundle.manifest().metrics();
            assertThat(metrics).containsKeys("size.wordEmbeddings", "size.encoderLayers", "size.heads",
                    "size.tokenizer", "size.total");
            assertThat(metrics.get("size.wordEmbeddings")).isLessThan(fullTable / 10.0);
        }

        // And the report names the plan the vocabulary was pruned by
        report.write(temp.resolve("report"));
        assertThat(Files.readString(temp.resolve("report").resolve("search.json"))).contains("\"floorIds\" : 0");

        // And the pruned FP32 candidate scores the training texts exactly as the full bundle does
        try (OnnxClassifier full = OnnxClassifier.open(base, InferenceSettings.defaults());
             OnnxClassifier pruned = OnnxClassifier.open(report.candidates().get(1).bundle(),
                     InferenceSettings.defaults())) {
            List<String> texts = TRAIN.stream().map(LabeledSnippet::text).toList();
            List<Classification> expected = full.classify(texts);
            List<Classification> actual = pruned.classify(texts);
            // (the head is steep enough on the random encoder's embeddings for the scores to differ between texts)
            assertThat(expected.stream().map(c -> c.intent("card")).distinct().count()).isEqualTo(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                float[] e = expected.get(i).intentScores();
                float[] a = actual.get(i).intentScores();
                for (int k = 0; k < e.length; k++) {
                    assertThat((double) a[k]).isCloseTo(e[k], org.assertj.core.data.Offset.offset(1e-6));
                }
            }
        }
    }

    /**
     * The random encoder's embeddings hardly differ from text to text: the head standardizes them (centres each
     * dimension on the training texts' mean, scales by its spread) so that its scores differ between texts.
     */
    private ModelBundle bundle(Path fixture) throws Exception {
        OnnxGraph graph = OnnxGraph.read(fixture);
        int width = SentenceEmbeddingGraph.append(graph, Pooling.MEAN, 1);
        Path sentence = graph.write(temp.resolve("sentence.onnx"));
        float[][] embeddings;
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64);
             OnnxModel model = new OnnxModel(graph.toBytes(), InferenceSettings.defaults())) {
            embeddings = model.run(PaddedBatch.of(tokenizer.encodeAll(TRAIN.stream().map(LabeledSnippet::text)
                    .toList())), List.of(SentenceEmbeddingGraph.OUTPUT)).get(SentenceEmbeddingGraph.OUTPUT);
        }
        Random random = new Random(3);
        List<String> labels = List.of("card", "delivery", "refund");
        float[] w = new float[width * labels.size()];
        float[] b = new float[labels.size()];
        for (int i = 0; i < width; i++) {
            double mean = 0;
            double square = 0;
            for (float[] e : embeddings) {
                mean += e[i] / embeddings.length;
                square += (double) e[i] * e[i] / embeddings.length;
            }
            double spread = Math.sqrt(Math.max(square - mean * mean, 1e-12)) * Math.sqrt(width);
            for (int k = 0; k < labels.size(); k++) {
                w[i * labels.size() + k] = (float) (random.nextGaussian() / spread);
                b[k] -= (float) (w[i * labels.size() + k] * mean);
            }
        }
        LinearHead head = new LinearHead(BundleManifest.INTENTS, Activation.SIGMOID, labels, width, w, b,
                new BundleManifest.Calibration("none", Map.of()), 1);
        return BundleBuilder.build(sentence, MiniLmFixture.encoder(), List.of(head), new BundleBuilder.Spec("tiny",
                "tiny-1", 64, "fp32", Map.of(), Map.of()), temp.resolve("base"));
    }

    private static LabeledSnippet snippet(String text, String intent) {
        return new LabeledSnippet(text, Set.of(intent), null, null);
    }
}
