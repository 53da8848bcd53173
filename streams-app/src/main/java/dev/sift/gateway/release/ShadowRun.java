package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A prepared release's trial in shadow ({@code sift.releases.shadow}) and what follows its verdict: the trial starts
 * in {@link ShadowModel}, which scores a sample of traffic beside the live model; on enough agreement the release is
 * prepared afresh (the trial's classifier closed with it) and swapped in, else it is refused with
 * {@link RejectionReason#SHADOW_DISAGREEMENT}. The verdict comes on a stream thread; the promotion runs on a thread
 * of its own, off the stream's path.
 */
final class ShadowRun implements AutoCloseable {

    /**
     * What a trial works with.
     *
     * @param shadow the shadow slot
     * @param installer prepares the release again for serving
     * @param swap takes it live
     * @param refusals where a disagreeing release is refused
     * @param history where the trial is recorded
     */
    record With(ShadowModel shadow, ReleaseInstaller installer, LiveSwap swap, ReleaseRefusals refusals,
            ModelHistory history) {
    }

    private final ReleaseConfig config;
    private final With with;
    private final ExecutorService promotions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "release-promotion");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param config shadow settings (sample rate, agreement)
     * @param with what a trial works with
     */
    ShadowRun(ReleaseConfig config, With with) {
        this.config = config;
        this.with = with;
    }

    /**
     * Puts a prepared release on trial, replacing any trial in progress.
     *
     * @param ready the prepared release; the trial owns its classifier
     */
    void start(ReleaseInstaller.Ready ready) {
        var release = ready.release();
        with.history().shadow(release.getVersion(), release.getSequence(), "scoring "
                + Math.round(config.getShadowSampleRate() * 100) + "% of traffic beside " + with.swap().serving());
        with.shadow().start(ready, promote -> promotions.submit(() -> judged(ready, promote)));
    }

    private void judged(ReleaseInstaller.Ready trial, boolean promote) {
        var release = trial.release();
        if (!promote) {
            with.refusals().refuse(release, new ReleaseRejectedException(RejectionReason.SHADOW_DISAGREEMENT,
                    "agreed with the live model on fewer than " + Math.round(config.getShadowMinAgreement() * 100)
                    + "% of forward decisions"));
            return;
        }
        long start = System.nanoTime();
        try {
            SnippetClassifier fresh = with.installer().prepare(release).classifier();
            with.swap().swap(fresh, release, (System.nanoTime() - start) / 1_000_000, EventKind.SWAP);
        } catch (ReleaseRejectedException e) {
            with.refusals().refuse(release, e);
        } catch (RuntimeException e) {
            with.refusals().refuse(release, new ReleaseRejectedException(RejectionReason.ERROR, e.toString(), e));
        }
    }

    /** Ends any trial without a verdict and stops promoting. */
    @Override
    public void close() {
        with.shadow().stop();
        promotions.shutdownNow();
    }
}
