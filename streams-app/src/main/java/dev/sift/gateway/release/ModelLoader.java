package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens a model bundle (directory or archive), verifies it and loads its classifier with the configured threads. */
@Singleton
public class ModelLoader {

    private final ModelConfig config;

    /**
     * @param config model settings
     */
    public ModelLoader(ModelConfig config) {
        this.config = config;
    }

    /**
     * @return the settings every classifier of this gateway uses
     */
    public InferenceSettings settings() {
        return InferenceSettings.defaults().withIntraOpThreads(config.getIntraOpThreads())
                .withMaxBatchSize(config.getMaxBatchSize());
    }

    /** @return whether {@code sift.model.bundle} names a bundle */
    public boolean hasConfiguredBundle() {
        return config.getBundle() != null && !config.getBundle().isBlank();
    }

    /**
     * Loads the bundle configured in {@code sift.model.bundle}.
     *
     * @return the classifier
     * @throws InvalidBundleException when none is configured or it is invalid
     */
    public SnippetClassifier loadConfigured() {
        String bundle = config.getBundle();
        if (bundle == null || bundle.isBlank()) {
            throw new InvalidBundleException("no model bundle configured: set sift.model.bundle (environment"
                    + " SIFT_MODEL_BUNDLE) to a bundle directory or .sift.zip archive; `model-ops build-default`"
                    + " builds the default one");
        }
        return load(Path.of(bundle));
    }

    /**
     * Loads a bundle directory or archive.
     *
     * @param location directory or {@code .sift.zip}
     * @return the verified, probed classifier
     */
    public SnippetClassifier load(Path location) {
        if (!Files.exists(location)) {
            throw new InvalidBundleException("model bundle " + location + " does not exist");
        }
        ModelBundle bundle = Files.isDirectory(location) ? ModelBundle.open(location)
                : BundleArchive.unpack(location, config.getUnpackDir().resolve(location.getFileName().toString()
                        .replace(BundleArchive.SUFFIX, "") + "-" + ProcessHandle.current().pid()));
        return OnnxClassifier.open(bundle, settings());
    }
}
