package dev.sift.gateway.release;

/** What happened to a model, as {@code GET /model}'s history and the {@code sift_model_swaps} metric name it. */
public enum EventKind {
    /** A model went live at start-up (the configured bundle, or the newest accepted release). */
    LIVE(true),
    /** A newer release replaced the live model. */
    SWAP(true),
    /** An operator or a failed shadow trial took the fleet back to an earlier model. */
    ROLLBACK(true),
    /** A release was refused; the live model stays. */
    REJECTED(false),
    /** A release is being scored next to the live model before it may go live. */
    SHADOW(false);

    private final boolean serving;

    EventKind(boolean serving) {
        this.serving = serving;
    }

    /** @return whether the event's model served afterwards (a rollback can go back to it) */
    public boolean serving() {
        return serving;
    }
}
