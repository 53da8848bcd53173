package dev.sift.modelops.finetune;

/**
 * Decides when a run has stopped improving: it remembers the best evaluation ({@link ValidationPoint#betterThan}) and
 * counts the evaluations since; after {@code patience} of them in a row without a new best, the run is done. A NaN
 * loss is never better than anything, so a run that diverges stops rather than keeping its diverged weights.
 */
final class EarlyStopping {

    private final int patience;
    private ValidationPoint best;
    private int sinceBest;

    /**
     * @param patience evaluations in a row without improvement before stopping; 0 never stops
     */
    EarlyStopping(int patience) {
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
        this.patience = patience;
    }

    /**
     * @param point the latest evaluation
     * @return whether it is the new best
     */
    boolean offer(ValidationPoint point) {
        if (best == null || point.betterThan(best)) {
            best = point;
            sinceBest = 0;
            return true;
        }
        sinceBest++;
        return false;
    }

    /** @return whether the run should stop: {@code patience} evaluations in a row have not beaten the best */
    boolean exhausted() {
        return patience > 0 && sinceBest >= patience;
    }

    /** @return the best evaluation so far, or null before the first */
    ValidationPoint best() {
        return best;
    }
}
