package dev.sift.modelops.bundle;

import java.nio.file.Path;

/**
 * Where model-ops keeps its caches: {@code $SIFT_HOME}, or {@code ~/.cache/sift}. Holds built bundles
 * ({@code bundles/}) and derived graphs ({@code work/}).
 */
public final class SiftHome {

    private SiftHome() {
    }

    /** @return the cache root */
    public static Path root() {
        String configured = System.getenv("SIFT_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "sift");
    }

    /** @return where built bundles are cached */
    public static Path bundles() {
        return root().resolve("bundles");
    }

    /** @return where extracted encoders and derived graphs are cached */
    public static Path work() {
        return root().resolve("work");
    }
}
