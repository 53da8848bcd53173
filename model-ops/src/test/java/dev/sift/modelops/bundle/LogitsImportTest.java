package dev.sift.modelops.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sift.classifier.Classification;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.modelops.onnx.MiniLmFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A MobileBERT classifier exported with its logits head (random weights, real structure) loads as a bundle. MobileBERT
 * uses bert-base-uncased's WordPiece vocabulary, the same as MiniLM's tokenizer.
 */
class LogitsImportTest {

    private static final Path MOBILEBERT = dev.sift.modelops.SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l.onnx")
            .orElse(Path.of("absent"));

    @TempDir
    Path dir;

    @Test
    void shouldImportALogitsModelAsAReputationBundleReorderingItsColumns() {
        assumeTrue(Files.exists(MOBILEBERT), "MobileBERT fixture not present");

        ModelBundle bundle = LogitsImport.importBundle(new LogitsImport.Source(MOBILEBERT,
                MiniLmFixture.encoder().tokenizer(), List.of("positive", "negative", "neutral"),
                BundleManifest.REPUTATION, null, 64), "mobilebert-test", dir.resolve("bundle"));

        try (OnnxClassifier classifier = OnnxClassifier.open(bundle, InferenceSettings.defaults())) {
            Classification c = classifier.classify("the airline lost my bag again");
            assertThat(classifier.info().reputationClasses()).containsExactly("negative", "neutral", "positive");
            assertThat(classifier.info().intents()).isEmpty();
            assertThat(c.reputationScores()[0] + c.reputationScores()[1] + c.reputationScores()[2])
                    .isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        }
    }

    @Test
    void shouldRefuseALabelsFileOfTheWrongLength() {
        assumeTrue(Files.exists(MOBILEBERT), "MobileBERT fixture not present");

        assertThatThrownBy(() -> LogitsImport.importBundle(new LogitsImport.Source(MOBILEBERT,
                MiniLmFixture.encoder().tokenizer(), List.of("a", "b"), BundleManifest.INTENTS, null, 64), "x",
                dir.resolve("bundle"))).hasMessageContaining("has 3 columns but the labels file lists 2");
    }
}
