package dev.sift.classifier.bundle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bundle whose manifest is missing or unreadable is refused. Sealed bundles and archives are specified where they
 * are written: model-ops' {@code dev.sift.modelops.bundle.BundleWriterTest}.
 */
class ModelBundleTest {

    @TempDir
    Path dir;

    @Test
    void shouldRefuseABundleWithoutManifest() {
        assertThatThrownBy(() -> ModelBundle.open(dir)).hasMessageContaining("has no manifest.json");
    }

    @Test
    void shouldRefuseAManifestThatIsNotJson() throws IOException {
        Files.writeString(dir.resolve("manifest.json"), "{ not json");

        assertThatThrownBy(() -> ModelBundle.open(dir)).hasMessageContaining("is not a valid manifest");
    }
}
