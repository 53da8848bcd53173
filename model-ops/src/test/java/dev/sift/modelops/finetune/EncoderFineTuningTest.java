package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.train.LinearHead;
import dev.sift.modelops.train.TrainingOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From a pretrained graph to a bundle: fine-tune, write back, then train and fuse heads as {@code train} does. */
class EncoderFineTuningTest {

    private static final FineTuneOptions OPTIONS = new FineTuneOptions(4, 8, 0, 1e-3f, 5e-2f, 0f, 0.01f, 3L, 1,
            Objective.SIGMOID, true);
    private static final List<String> SAMPLE = List.of("card declined", "where is the parcel", "refund me", "hi");

    @TempDir
    Path work;

    @Test
    void shouldBuildABundleWhoseOutputsAreTheFineTunedModulesOnes() throws Exception {
        Path file = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
        assumeTrue(file != null, "the MobileBERT fixture is not present");
        // Given a graph with MobileBERT's structure and labeled data with a validation split
        Encoder base = new Encoder("mobilebert-random-2l", file.toString(), file, MiniLmFixture.encoder().tokenizer(),
                Pooling.MEAN, 1, Sha256.ofFile(file));
        Dataset dataset = Dataset.of("tiny", examples(4), examples(2), List.of());
        EncoderFineTuning fineTuning = new EncoderFineTuning(OPTIONS, 32, work, Progress.NONE);

        // When the encoder is fine-tuned, then heads are trained and fused by the project's bundle training
        EncoderFineTuning.Result tuned = fineTuning.run(base, dataset);
        BundleTraining.Result bundle = new BundleTraining(tuned.encoder(), work, 32,
                new TrainingOptions(new double[] {1, 8, 64}, 2, 1, 0L), Progress.NONE)
                .train(dataset, "tiny", "tiny-1", Map.of(), work.resolve("bundle"));

        // Then the bundle's fused probabilities are the fine-tuned module's embedding through the same head
        float[][] expected;
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(base.tokenizer(), 32)) {
            OnnxModule module = OnnxModule.of(OnnxGraph.read(tuned.encoder().onnx()), Pooling.MEAN, 1, manager);
            LinearHead head = bundle.intents().head();
            float[][] embeddings = ModuleEmbeddings.embed(module, tokenizer, SAMPLE, 8, manager);
            expected = new float[SAMPLE.size()][];
            for (int i = 0; i < SAMPLE.size(); i++) {
                expected[i] = head.apply(embeddings[i]);
            }
            float[][] actual;
            try (OnnxModel model = new OnnxModel(bundle.bundle().modelFile(), InferenceSettings.defaults())) {
                actual = model.run(PaddedBatch.of(tokenizer.encodeAll(SAMPLE)), List.of(head.outputName()))
                        .get(head.outputName());
            }
            double difference = OrtReference.maxAbsDifference(expected, actual);
            System.out.printf("bundle vs DJL module + head: max |difference| = %.3g%n", difference);
            assertThat(difference).isLessThan(1e-5);
        }
        assertThat(tuned.report().steps()).isEqualTo(8);

        // And fine-tuning again with the same data and recipe reuses the graph
        EncoderFineTuning.Result again = fineTuning.run(base, dataset);
        assertThat(again.report()).isNull();
        assertThat(again.encoder().sha256()).isEqualTo(tuned.encoder().sha256());
    }

    private static List<LabeledSnippet> examples(int perIntent) {
        String[][] texts = {
            {"my card was declined", "the card does not work", "payment refused", "card blocked at the shop"},
            {"where is my parcel", "the package has not arrived", "when will it be delivered", "no tracking update"},
            {"I want my money back", "refund the last order", "how do I get a refund", "return it and refund me"}};
        String[] intents = {"card", "delivery", "refund"};
        List<LabeledSnippet> out = new ArrayList<>();
        for (int i = 0; i < intents.length; i++) {
            for (int j = 0; j < perIntent; j++) {
                String text = perIntent == 4 ? texts[i][j] : texts[i][j] + " please";
                out.add(new LabeledSnippet(text, Set.of(intents[i]), null, null));
            }
        }
        return out;
    }
}
