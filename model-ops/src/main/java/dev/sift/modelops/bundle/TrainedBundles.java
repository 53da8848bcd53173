package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.dataset.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Bundles trained on a data set's train split, cached by version under {@code $SIFT_HOME/trained}: the same data,
 * encoder and options give the same version, so evaluation and optimization share one training.
 */
public final class TrainedBundles {

    private TrainedBundles() {
    }

    /**
     * @param training how to train
     * @param dataset the data set
     * @return the cached bundle, trained now if absent
     */
    public static ModelBundle ensure(BundleTraining training, Dataset dataset) {
        String family = dataset.name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        String version = training.versionFor(family, dataset);
        Path directory = SiftHome.root().resolve("trained").resolve(version);
        if (Files.exists(directory.resolve("manifest.json"))) {
            try {
                return ModelBundle.open(directory);
            } catch (InvalidBundleException e) {
                // Rebuilt below.
            }
        }
        return training.train(dataset, family, version, Map.of(), directory).bundle();
    }
}
