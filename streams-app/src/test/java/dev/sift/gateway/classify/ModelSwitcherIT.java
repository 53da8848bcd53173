package dev.sift.gateway.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running gateway offered a bad bundle keeps serving with the model it has. */
class ModelSwitcherIT {

    @TempDir
    Path dir;

    private ModelBundle bundle;
    private LiveModel live;
    private ModelSwitcher switcher;

    @BeforeEach
    void serveTheDefaultModel() {
        bundle = DefaultBundle.ensure(Progress.NONE);
        ModelConfig config = new ModelConfig();
        config.setUnpackDir(dir.resolve("unpacked").toString());
        ModelLoader loader = new ModelLoader(config);
        live = new LiveModel(loader.load(bundle.directory()));
        switcher = new ModelSwitcher(live, loader);
    }

    @AfterEach
    void close() {
        live.close();
    }

    @Test
    void shouldKeepServingWhenOfferedATruncatedArchive() throws Exception {
        Path archive = BundleArchive.pack(bundle, dir.resolve("model" + BundleArchive.SUFFIX));
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length / 3));

        ModelSwitcher.Outcome outcome = switcher.switchTo(archive);

        assertThat(outcome.switched()).isFalse();
        assertThat(outcome.reason()).containsAnyOf("truncated", "corrupt", "missing");
        assertThat(outcome.serving()).isEqualTo(bundle.version());
        try (LiveModel.Lease lease = live.acquire()) {
            assertThat(lease.classifier().classify("where is my refund").intentScores()).isNotEmpty();
        }
    }

    @Test
    void shouldKeepServingWhenOfferedAMissingBundle() {
        ModelSwitcher.Outcome outcome = switcher.switchTo(dir.resolve("nowhere"));

        assertThat(outcome.switched()).isFalse();
        assertThat(outcome.reason()).contains("does not exist");
    }

    @Test
    void shouldSwitchToAValidArchive() {
        Path archive = BundleArchive.pack(bundle, dir.resolve("good" + BundleArchive.SUFFIX));

        ModelSwitcher.Outcome outcome = switcher.switchTo(archive);

        assertThat(outcome.switched()).isTrue();
        assertThat(live.info().version()).isEqualTo(bundle.version());
    }
}
