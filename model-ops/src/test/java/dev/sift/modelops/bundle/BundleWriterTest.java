package dev.sift.modelops.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What model-ops writes (a sealed bundle directory, its archive) is what the runtime reads back, and the runtime
 * refuses it once anything in it changed.
 */
class BundleWriterTest {

    @TempDir
    Path dir;

    private static BundleManifest manifest(List<String> reputationLabels) {
        return new BundleManifest(BundleManifest.FORMAT_VERSION, "test", "test-1", Instant.EPOCH,
                new BundleManifest.BaseModel("m", "src", "00"), 64, "fp32", "model.onnx", "tokenizer.json",
                Map.of(BundleManifest.INTENTS, new BundleManifest.Head("intent_probs", "sigmoid", List.of("a", "b"),
                                null),
                        BundleManifest.REPUTATION, new BundleManifest.Head("reputation_probs", "softmax",
                                reputationLabels, null)),
                Map.of("accuracy", 0.9), Map.of(), Map.of());
    }

    private ModelBundle sealedBundle() throws IOException {
        Files.writeString(dir.resolve("model.onnx"), "graph bytes");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        return BundleWriter.seal(dir, manifest(List.of("negative", "neutral", "positive")));
    }

    @Test
    void shouldOpenASealedBundleAndListEveryFileHash() throws IOException {
        ModelBundle bundle = sealedBundle();

        assertThat(bundle.version()).isEqualTo("test-1");
        assertThat(bundle.manifest().files()).containsOnlyKeys("model.onnx", "tokenizer.json");
        assertThat(bundle.manifest().files().get("tokenizer.json")).isEqualTo(Sha256.of("{}".getBytes()));
    }

    @Test
    void shouldRefuseAModifiedFileNamingIt() throws IOException {
        sealedBundle();
        Files.writeString(dir.resolve("model.onnx"), "tampered");

        assertThatThrownBy(() -> ModelBundle.open(dir))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageContaining("file model.onnx of bundle test-1 is corrupt or was modified");
    }

    @Test
    void shouldRefuseAMissingFile() throws IOException {
        sealedBundle();
        Files.delete(dir.resolve("tokenizer.json"));

        assertThatThrownBy(() -> ModelBundle.open(dir)).hasMessageContaining("file tokenizer.json of bundle test-1 is missing");
    }

    @Test
    void shouldRefuseReputationLabelsOtherThanTheThreePolarities() throws IOException {
        Files.writeString(dir.resolve("model.onnx"), "g");
        Files.writeString(dir.resolve("tokenizer.json"), "{}");

        assertThatThrownBy(() -> BundleWriter.seal(dir, manifest(List.of("bad", "good"))))
                .hasMessageContaining("reputation labels must be [negative, neutral, positive]");
    }

    @Test
    void shouldRoundTripThroughTheArchive() throws IOException {
        ModelBundle bundle = sealedBundle();
        Path archive = BundlePacker.pack(bundle, dir.resolveSibling(dir.getFileName() + "-a" + BundleArchive.SUFFIX));

        ModelBundle unpacked = BundleArchive.unpack(archive, dir.resolveSibling(dir.getFileName() + "-unpacked"));

        assertThat(unpacked.manifest().files()).isEqualTo(bundle.manifest().files());
    }

    @Test
    void shouldRefuseATruncatedArchive() throws IOException {
        Files.write(dir.resolve("model.onnx"), new byte[200_000]);
        Files.writeString(dir.resolve("tokenizer.json"), "{}");
        ModelBundle bundle = BundleWriter.seal(dir, manifest(List.of("negative", "neutral", "positive")));
        Path archive = BundlePacker.pack(bundle, dir.resolveSibling(dir.getFileName() + "-t" + BundleArchive.SUFFIX));
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> BundleArchive.unpack(archive, dir.resolveSibling(dir.getFileName() + "-t-out")))
                .isInstanceOf(InvalidBundleException.class)
                .hasMessageMatching(".*(truncated or corrupt|is missing|corrupt or was modified|empty or not a zip).*");
    }
}
