package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.schema.ModelRelease;
import java.util.Optional;

/**
 * An operator's rollback: the model that served before the current one serves again, re-verified on the way (a
 * remembered release is prepared again from its store, the configured bundle is loaded again). The sequence floor
 * then refuses the release rolled back from, so only a newer one can take its place.
 */
final class ReleaseRollback {

    private final ModelHistory history;
    private final KnownReleases known;
    private final ReleaseInstaller installer;
    private final ModelLoader loader;
    private final LiveSwap swap;

    /**
     * What a rollback goes back to, and how.
     *
     * @param history which model served before
     * @param known the releases it can be
     * @param installer prepares a release again
     * @param loader loads the configured bundle again
     * @param swap takes it live
     */
    record With(ModelHistory history, KnownReleases known, ReleaseInstaller installer, ModelLoader loader,
            LiveSwap swap) {
    }

    /** @param with what a rollback goes back to, and how */
    ReleaseRollback(With with) {
        this.history = with.history();
        this.known = with.known();
        this.installer = with.installer();
        this.loader = with.loader();
        this.swap = with.swap();
    }

    /**
     * @return the version now serving
     * @throws IllegalStateException when there is nothing to roll back to, or it cannot be taken live
     * @throws ReleaseRejectedException when the previous release no longer passes its checks
     */
    String run() {
        ModelHistory.Event previous = history.previousLive()
                .orElseThrow(() -> new IllegalStateException("no previous model to roll back to"));
        Optional<ModelRelease> release = known.find(previous.version());
        long start = System.nanoTime();
        if (release.isPresent()) {
            ReleaseInstaller.Ready ready = installer.prepare(release.get());
            swap.swap(ready.classifier(), release.get(), ready.loadMillis(), EventKind.ROLLBACK);
        } else {
            SnippetClassifier configured = loader.loadConfigured();
            if (!configured.info().version().equals(previous.version())) {
                configured.close();
                throw new IllegalStateException("previous model " + previous.version() + " is neither a known release"
                        + " nor the configured bundle");
            }
            swap.swap(configured, null, (System.nanoTime() - start) / 1_000_000, EventKind.ROLLBACK);
        }
        return swap.serving();
    }
}
