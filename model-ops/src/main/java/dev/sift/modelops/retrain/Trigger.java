package dev.sift.modelops.retrain;

/** What may start a retraining run besides the schedule and {@code POST /optimize}. */
public enum Trigger {

    /** The teacher disagreed with the model on at least {@code drift-rate} of its labels since the last run. */
    DRIFT("drift"),
    /** At least {@code min-new-labels} labels made or changed examples since the last run. */
    NEW_LABELS("labels");

    private final String label;

    Trigger(String label) {
        this.label = label;
    }

    /** @return the run's trigger as {@code GET /runs/last} shows it, and the metric tag */
    public String label() {
        return label;
    }
}
