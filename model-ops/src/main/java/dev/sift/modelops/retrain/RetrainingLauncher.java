package dev.sift.modelops.retrain;

/** Starts the service's run (the job that retrains, re-optimizes and publishes), one at a time. */
public interface RetrainingLauncher {

    /** @return whether a run is in progress */
    boolean running();

    /**
     * Runs now, on the calling thread.
     *
     * @param trigger what started it, as the run's status shows it
     */
    void launch(String trigger);
}
