package dev.sift.modelops.finetune;

/**
 * How a fine-tuning run is judged on examples it does not train on, and when it stops. The weights are scored before
 * the first step, every {@code every} steps and after the last one; the weights that scored best are the ones the run
 * ends with, so a run that overfits late still writes back its best point.
 *
 * @param enabled whether the run is judged at all (without, it ends with its last weights)
 * @param every steps between evaluations; 0 for a tenth of the run's steps, so a chart of any run has about ten
 *     points
 * @param patience stop after this many evaluations in a row that do not beat the best; 0 never stops early
 * @param share the part of the train split held out, stratified by label, when the data set has no validation split
 */
public record ValidationPlan(boolean enabled, int every, int patience, double share) {

    /** No validation: every planned step runs and the last weights are kept. */
    public static final ValidationPlan NONE = new ValidationPlan(false, 0, 0, 0.1);

    /** Checks ranges: these come from the command line. */
    public ValidationPlan {
        if (every < 0 || patience < 0) {
            throw new IllegalArgumentException("evaluation interval and patience must be >= 0, got " + every + " and "
                    + patience);
        }
        if (!(share > 0 && share <= 0.5)) {
            throw new IllegalArgumentException("the validation share must be in (0, 0.5], got " + share);
        }
    }

    /**
     * @param every steps between evaluations (0: a tenth of the run)
     * @param patience evaluations without improvement before stopping (0: never)
     * @param share the part of the train split held out when there is no validation split
     * @return a plan that validates
     */
    public static ValidationPlan of(int every, int patience, double share) {
        return new ValidationPlan(true, every, patience, share);
    }

    /**
     * @param steps the run's planned steps
     * @return steps between evaluations, at least 1
     */
    public int interval(int steps) {
        return every > 0 ? every : Math.max(1, steps / 10);
    }
}
