package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.schema.ModelRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a ready model into the live slot: the sequence floor is recorded first (raised for a newer release, lowered
 * past the current one for a rollback), then new leases get the model, then the history records it. Swaps are one at
 * a time.
 */
final class LiveSwap {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSwap.class);

    private final LiveModel live;
    private final SequenceFloor floor;
    private final ModelHistory history;

    /**
     * @param live the live slot
     * @param floor the highest accepted sequence
     * @param history where swaps are recorded
     */
    LiveSwap(LiveModel live, SequenceFloor floor, ModelHistory history) {
        this.live = live;
        this.floor = floor;
        this.history = history;
    }

    /**
     * @param classifier the ready model; the live slot owns it from now on
     * @param release its release, or null for the configured bundle
     * @param loadMillis how long it took to get ready
     * @param kind {@link EventKind#SWAP} or {@link EventKind#ROLLBACK}
     */
    synchronized void swap(SnippetClassifier classifier, ModelRelease release, long loadMillis, EventKind kind) {
        // The floor is recorded before the model serves: a crash in between takes the same release again at start
        // (the floor admits it), never an older one.
        try {
            if (kind == EventKind.ROLLBACK) {
                floor.rolledBack();
            } else if (release != null) {
                floor.accepted(release);
            }
        } catch (RuntimeException e) {
            LOG.error("could not record the accepted release sequence: after a restart, older releases could be"
                    + " taken again", e);
        }
        String before = live.swap(classifier).version();
        history.live(classifier.info().version(), release == null ? -1 : release.getSequence(), loadMillis, kind,
                "replaced " + before);
        LOG.info("now serving {} (was {}, ready in {} ms)", classifier.info().version(), before, loadMillis);
    }

    /** @return the version serving now */
    String serving() {
        return live.info().version();
    }
}
