package dev.sift.gateway.release;

import dev.sift.schema.ModelRelease;
import java.util.Optional;

/**
 * The authenticated releases seen on the topic, most recent ones only: what a rollback can go back to. Only
 * model-ops can add to them (they are signed), yet their number is still bounded. Thread-safe.
 */
final class KnownReleases {

    /** Authenticated releases remembered for rollbacks. */
    static final int REMEMBERED = 32;

    private final BoundedMemory<ModelRelease> releases = new BoundedMemory<>(REMEMBERED);

    /** @param release an authenticated release */
    void remember(ModelRelease release) {
        releases.put(release.getVersion(), release);
    }

    /**
     * @param version a version
     * @return the authenticated release of that version, when still remembered
     */
    Optional<ModelRelease> find(String version) {
        return releases.get(version);
    }
}
