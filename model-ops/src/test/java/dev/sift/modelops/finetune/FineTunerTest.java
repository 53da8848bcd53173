package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fine-tuning a graph with MobileBERT's structure (random weights, 2 layers) on a tiny labeled set. */
class FineTunerTest {

    /** Three intents and two snippets without one; other fine-tuning tests train on it too. */
    static final List<LabeledSnippet> TRAIN = List.of(
            snippet("my card was declined", "card"), snippet("the card does not work", "card"),
            snippet("why was my payment refused", "card"), snippet("card blocked at the shop", "card"),
            snippet("where is my parcel", "delivery"), snippet("the package has not arrived", "delivery"),
            snippet("when will my order be delivered", "delivery"), snippet("tracking shows no update", "delivery"),
            snippet("I want my money back", "refund"), snippet("please refund the last order", "refund"),
            snippet("how do I get a refund", "refund"), snippet("return the item and refund me", "refund"),
            snippet("hello there", null), snippet("thanks, that is all", null));
    private static final List<String> SAMPLE = List.of("my card got declined again", "is my parcel lost",
            "refund please", "good morning");
    /** Full-batch steps (the loss of one step is comparable with the next) at rates a random-weight encoder moves at. */
    private static final FineTuneOptions OPTIONS = new FineTuneOptions(30, 14, 0, 2e-3f, 5e-2f, 0f, 0.01f, 7L, 1,
            Objective.SIGMOID, true);

    private static Path fixture;

    @BeforeAll
    static void findFixture() {
        fixture = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
    }

    @Test
    void shouldLowerTheLossAndWriteWeightsThatOnnxRuntimeComputesLikeTheModule() throws Exception {
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given a graph with MobileBERT's structure and a tiny labeled set
        OnnxGraph original = OnnxGraph.read(fixture);
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 32)) {
            OnnxModule module = OnnxModule.of(original, Pooling.MEAN, 1, manager);

            // When the encoder and an intent head are fine-tuned for a few steps
            FineTuneReport report = new FineTuner(OPTIONS, Progress.NONE).fineTune(module, tokenizer, TRAIN,
                    TaskLabels.of(dataset()), manager);

            // Then the training loss falls, well below the 0.60 of predicting each label's frequency (what a head on
            // the random encoder's nearly constant embeddings reaches): the encoder itself learned
            System.out.printf("MobileBERT-2l fine-tuning: %d steps, loss %.4f -> %.4f, %.3f s/step%n", report.steps(),
                    report.firstLoss(2), report.lastLoss(2), report.secondsPerStep());
            assertThat(report.steps()).isEqualTo(30);
            assertThat(report.lastLoss(2)).isLessThan(report.firstLoss(2) * 0.5).isLessThan(0.3);

            // And the weights written back into the ONNX graph give ONNX Runtime the module's embeddings
            OnnxGraph tuned = original.copy();
            int replaced = WeightWriteBack.write(module, tuned);
            float[][] djl = ModuleEmbeddings.embed(module, tokenizer, SAMPLE, 8, manager);
            float[][] ort = OrtReference.embed(tuned, Pooling.MEAN, 1, tokenizer, SAMPLE);
            float[][] before = OrtReference.embed(original, Pooling.MEAN, 1, tokenizer, SAMPLE);
            double difference = OrtReference.maxAbsDifference(djl, ort);
            double moved = OrtReference.maxAbsDifference(before, ort);
            System.out.printf("written back: %d initializers, max |DJL - ORT| = %.3g, max |tuned - original| = %.3g%n",
                    replaced, difference, moved);
            assertThat(replaced).isEqualTo(module.weights().size());
            assertThat(difference).isLessThan(1e-5);
            assertThat(moved).isGreaterThan(1e-3);
        }
    }

    @Test
    void shouldLowerASoftmaxCrossEntropyToo() throws Exception {
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given the MobileBERT-structure graph and the tiny set, with one softmax over the intents
        FineTuneOptions softmax = new FineTuneOptions(30, 14, 0, 2e-3f, 5e-2f, 0f, 0.01f, 7L, 1, Objective.SOFTMAX,
                true);
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 32)) {
            OnnxModule module = OnnxModule.of(OnnxGraph.read(fixture), Pooling.MEAN, 1, manager);

            // When it is fine-tuned
            FineTuneReport report = new FineTuner(softmax, Progress.NONE).fineTune(module, tokenizer, TRAIN,
                    TaskLabels.of(dataset()), manager);

            // Then the cross-entropy falls
            System.out.printf("MobileBERT-2l softmax fine-tuning: loss %.4f -> %.4f%n", report.firstLoss(2),
                    report.lastLoss(2));
            assertThat(report.lastLoss(2)).isLessThan(report.firstLoss(2) * 0.5);
        }
    }

    @Test
    void shouldGiveTheSameWeightsForTheSameDataAndSeed() throws Exception {
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given the same graph, data and seed, fine-tuned twice
        FineTuneOptions shortRun = new FineTuneOptions(1, 7, 2, 1e-3f, 3e-2f, 0f, 0.01f, 7L, 1,
                Objective.SIGMOID, false);
        Map<String, float[]> first = fineTunedWeights(shortRun);
        Map<String, float[]> second = fineTunedWeights(shortRun);

        // Then every weight is the same, bit for bit
        assertThat(second.keySet()).isEqualTo(first.keySet());
        List<String> different = first.keySet().stream()
                .filter(name -> !java.util.Arrays.equals(first.get(name), second.get(name))).toList();
        assertThat(different).isEmpty();
    }

    private static Map<String, float[]> fineTunedWeights(FineTuneOptions options) throws Exception {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 32)) {
            OnnxModule module = OnnxModule.of(OnnxGraph.read(fixture), Pooling.MEAN, 1, manager);
            new FineTuner(options, Progress.NONE).fineTune(module, tokenizer, TRAIN, TaskLabels.of(dataset()),
                    manager);
            Map<String, float[]> out = new java.util.LinkedHashMap<>();
            module.weights().forEach((name, array) -> out.put(name, array.toFloatArray()));
            return out;
        }
    }

    static Dataset dataset() {
        return Dataset.of("tiny", TRAIN, List.of(), List.of());
    }

    private static LabeledSnippet snippet(String text, String intent) {
        return new LabeledSnippet(text, intent == null ? Set.of() : Set.of(intent), null, null);
    }
}
