package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.train.TrainingOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole recipe (a held-out validation split, early stopping, layer-wise decay, the labels' confidences as soft
 * targets) is seeded: the same data and seed give the same fine-tuned graph, byte for byte, and so the same bundle
 * version, wherever and whenever it runs.
 */
class ReproducibleFineTuningTest {

    @TempDir
    Path work;

    @Test
    void shouldGiveTheSameGraphAndBundleVersionForTheSameDataAndSeed() throws Exception {
        Path fixture = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx")
                .orElse(null);
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given the MobileBERT-structure encoder and data without a validation split, some labeled with confidences
        Encoder base = new Encoder("mobilebert-random-2l", fixture.toString(), fixture,
                MiniLmFixture.encoder().tokenizer(), Pooling.MEAN, 1, Sha256.ofFile(fixture));
        Dataset dataset = Dataset.of("tiny", withConfidences(FineTunerTest.TRAIN), List.of(), List.of());
        FineTuneOptions options = new FineTuneOptions(3, 5, 0, 2e-3f, 5e-2f, 0.1f, 0.01f, 11L, 1,
                Objective.SIGMOID, true, 0.8f, ValidationPlan.of(2, 2, 0.25));
        Distillation soft = new Distillation(new ConfidenceTeacher(), 0.5f, 1f);

        // When it is fine-tuned twice, in two separate work folders, and once with another seed
        EncoderFineTuning.Result first = new EncoderFineTuning(options, 32, work.resolve("a"), Progress.NONE, soft)
                .run(base, dataset);
        EncoderFineTuning.Result second = new EncoderFineTuning(options, 32, work.resolve("b"), Progress.NONE, soft)
                .run(base, dataset);
        FineTuneOptions reseeded = new FineTuneOptions(3, 5, 0, 2e-3f, 5e-2f, 0.1f, 0.01f, 12L, 1,
                Objective.SIGMOID, true, 0.8f, ValidationPlan.of(2, 2, 0.25));
        EncoderFineTuning.Result other = new EncoderFineTuning(reseeded, 32, work.resolve("c"), Progress.NONE, soft)
                .run(base, dataset);

        // Then both runs trained (nothing was reused), were judged on a held-out quarter and wrote the same bytes
        assertThat(first.report()).isNotNull();
        assertThat(second.report()).isNotNull();
        assertThat(first.report().validation()).isNotEmpty().isEqualTo(second.report().validation());
        assertThat(first.report().bestStep()).isEqualTo(second.report().bestStep());
        assertThat(first.encoder().onnx()).isNotEqualTo(second.encoder().onnx());
        assertThat(first.encoder().sha256()).isEqualTo(second.encoder().sha256());
        assertThat(Files.mismatch(first.encoder().onnx(), second.encoder().onnx())).isEqualTo(-1L);
        // And so the same bundle version, which another seed does not give
        assertThat(version(first, dataset)).isEqualTo(version(second, dataset));
        assertThat(other.encoder().sha256()).isNotEqualTo(first.encoder().sha256());
        assertThat(version(other, dataset)).isNotEqualTo(version(first, dataset));
        // And each run left its report and its chart beside its graph
        assertThat(first.files().report()).exists().hasParent(first.encoder().onnx().getParent());
        assertThat(ImageIO.read(first.files().chart().toFile()).getWidth()).isPositive();
    }

    private static String version(EncoderFineTuning.Result tuned, Dataset dataset) {
        return new BundleTraining(tuned.encoder(), tuned.encoder().onnx().getParent(), 32,
                new TrainingOptions(new double[] {1, 8}, 2, 1, 0L), Progress.NONE).versionFor("tiny", dataset);
    }

    /** The relevant examples labeled with 0.7 on their intent and 0.2 on another, as an unsure labeler would. */
    private static List<LabeledSnippet> withConfidences(List<LabeledSnippet> examples) {
        List<LabeledSnippet> out = new ArrayList<>();
        for (LabeledSnippet s : examples) {
            if (s.relevant()) {
                String intent = s.intents().iterator().next();
                out.add(new LabeledSnippet(s.text(), s.intents(), null, null, List.of(),
                        Map.of(intent, 0.7f, intent.equals("refund") ? "card" : "refund", 0.2f)));
            } else {
                out.add(s);
            }
        }
        return out;
    }
}
