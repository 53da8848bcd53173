package dev.sift.gateway.support;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.optimize.Int8Bundle;
import java.nio.file.Path;

/**
 * Real bundles for gateway specifications: the default one, its context-aware twin, and an INT8 version of the default
 * under another version.
 */
public final class TestBundles {

    private TestBundles() {
    }

    /** @return the default bundle (built once per machine) */
    public static ModelBundle defaultBundle() {
        return DefaultBundle.ensure(Progress.NONE);
    }

    /** @return the default context-aware bundle (built once per machine) */
    public static ModelBundle contextBundle() {
        return DefaultBundle.ensureContext(Progress.NONE);
    }

    /**
     * @param folder where to write it
     * @param version its version
     * @return the default bundle quantized to INT8, with its own golden set
     */
    public static ModelBundle int8(Path folder, String version) {
        return Int8Bundle.of(defaultBundle(), version, folder.resolve(version));
    }
}
