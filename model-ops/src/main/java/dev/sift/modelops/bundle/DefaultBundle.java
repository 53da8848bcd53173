package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.DatasetReaders;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.train.TrainingOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default model: all-MiniLM-L6-v2 with intent and reputation heads trained on the project's own starter set,
 * built reproducibly (same inputs, same version) and cached under {@link SiftHome#bundles()}.
 */
public final class DefaultBundle {

    /** Bundle family of the default model. */
    public static final String NAME = "sift-default";
    /** Tokens per snippet of the default model. */
    public static final int MAX_TOKENS = 128;
    private static final String STARTER_SET = "dev/sift/modelops/starter/starter-set.jsonl";
    private static final Logger LOG = LoggerFactory.getLogger(DefaultBundle.class);

    private DefaultBundle() {
    }

    /**
     * @return the starter set: conversation-platform intents, chit-chat and brand reputation examples
     */
    public static Dataset starterSet() {
        try (InputStream in = DefaultBundle.class.getClassLoader().getResourceAsStream(STARTER_SET)) {
            if (in == null) {
                throw new IllegalStateException("starter set missing from the classpath: " + STARTER_SET);
            }
            return DatasetReaders.jsonl("sift-starter-set", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the cached default bundle, building it first when absent or invalid.
     *
     * @param progress progress reporting
     * @return the verified bundle
     */
    public static ModelBundle ensure(Progress progress) {
        Dataset starter = starterSet();
        // The default options: their results do not depend on the number of cores, so every machine builds the
        // same bundle.
        TrainingOptions options = TrainingOptions.defaults();
        BundleTraining training = new BundleTraining(Encoder.builtIn(Encoder.MINILM, SiftHome.work()),
                SiftHome.work(), MAX_TOKENS, options, progress);
        String version = training.versionFor(NAME, starter);
        Path target = SiftHome.bundles().resolve(version);
        if (Files.exists(target)) {
            try {
                return ModelBundle.open(target);
            } catch (InvalidBundleException e) {
                LOG.warn("cached default bundle is invalid, rebuilding: {}", e.getMessage());
            }
        }
        LOG.info("Building the default model bundle {} (first use; cached afterwards)", version);
        Path partial = SiftHome.bundles().resolve(version + ".partial-" + ProcessHandle.current().pid());
        ModelBundle sealed = training.train(starter, NAME, version, Map.of(), partial).bundle();
        try {
            if (Files.exists(target)) {
                deleteRecursively(target);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the default bundle into " + target, e);
        }
        LOG.info("Default bundle {} ready at {}", sealed.version(), target);
        return ModelBundle.open(target);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
