package dev.sift.modelops.retrain;

import dev.sift.modelops.learning.LearningConfig;
import dev.sift.modelops.learning.SinceLastRun;
import java.util.Optional;

/**
 * When what arrived since the last run is reason enough for another: drift first (the teacher disagrees with the
 * model on at least {@code drift-rate} of at least {@code drift-min-labels} labels), then volume (at least
 * {@code min-new-labels} new labels; 0 turns it off).
 *
 * @param minNewLabels new labels that start a run; 0: never
 * @param driftRate disagreement rate that starts a run
 * @param driftMinLabels teacher labels needed before the rate counts
 */
public record TriggerPolicy(int minNewLabels, double driftRate, int driftMinLabels) {

    /**
     * @param config the learning settings
     * @return their policy
     */
    public static TriggerPolicy of(LearningConfig config) {
        return new TriggerPolicy(config.getMinNewLabels(), config.getDriftRate(), config.getDriftMinLabels());
    }

    /**
     * @param since what arrived since the last run began
     * @return the trigger that fires, if any
     */
    public Optional<Trigger> decide(SinceLastRun since) {
        if (since.teacherLabels() >= driftMinLabels && since.disagreementRate() >= driftRate) {
            return Optional.of(Trigger.DRIFT);
        }
        if (minNewLabels > 0 && since.newLabels() >= minNewLabels) {
            return Optional.of(Trigger.NEW_LABELS);
        }
        return Optional.empty();
    }
}
