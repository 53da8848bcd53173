package dev.sift.gateway.release;

import dev.sift.schema.ModelRelease;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a refused release is recorded: the model history (and so the metrics and {@code GET /model}'s events), the
 * log, and a bounded memory of recent refusals by version for {@code GET /model}. Anyone who can write the releases
 * topic can add to them, so the memory keeps a fixed number. Thread-safe.
 */
final class ReleaseRefusals {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseRefusals.class);
    /** Refusals shown on {@code GET /model}: anyone who can write the topic can add to them. */
    static final int REMEMBERED = 200;

    private final ModelHistory history;
    private final LiveModel live;
    private final BoundedMemory<RejectionReason> recent = new BoundedMemory<>(REMEMBERED);

    /**
     * @param history where refusals are recorded
     * @param live the live model, named in the log as still serving
     */
    ReleaseRefusals(ModelHistory history, LiveModel live) {
        this.history = history;
        this.live = live;
    }

    /**
     * @param release the refused release
     * @param why its reason and message
     */
    void refuse(ModelRelease release, ReleaseRejectedException why) {
        recent.put(ModelHistory.shown(release.getVersion()), why.reason());
        history.rejected(release.getVersion(), release.getSequence(), why.reason(), why.getMessage());
        LOG.warn("refused release {} ({}): {}; still serving {}", ModelHistory.shown(release.getVersion()),
                why.reason().code(), why.getMessage(), live.info().version(), why.getCause());
    }

    /** @return recently refused versions (at most {@value #REMEMBERED}), oldest first, with why */
    Map<String, RejectionReason> recent() {
        return recent.snapshot();
    }
}
