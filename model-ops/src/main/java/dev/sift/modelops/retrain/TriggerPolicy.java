package dev.sift.modelops.retrain;

import dev.sift.modelops.learning.LearningConfig;
import dev.sift.modelops.learning.SinceLastRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When what arrived since the last run is reason enough for another: drift first (the teacher disagrees with the
 * model on at least {@code drift-rate} of at least {@code drift-min-labels} labels), then volume (at least
 * {@code min-new-labels} new labels; 0 turns it off); never sooner than {@code min-trigger-gap} after the last run a
 * trigger started, so that whoever writes labels cannot keep model-ops retraining back to back.
 *
 * @param minNewLabels new labels that start a run; 0: never
 * @param driftRate disagreement rate that starts a run
 * @param driftMinLabels teacher labels needed before the rate counts
 * @param minGap shortest time between two triggered runs
 */
public record TriggerPolicy(int minNewLabels, double driftRate, int driftMinLabels, Duration minGap) {

    /**
     * @param config the learning settings
     * @return their policy
     */
    public static TriggerPolicy of(LearningConfig config) {
        return new TriggerPolicy(config.getMinNewLabels(), config.getDriftRate(), config.getDriftMinLabels(),
                config.getMinTriggerGap());
    }

    /**
     * @param since what arrived since the last run began
     * @param lastTriggered when a trigger last started a run, if ever
     * @param now the current time
     * @return the trigger that fires, if any
     */
    public Optional<Trigger> decide(SinceLastRun since, Optional<Instant> lastTriggered, Instant now) {
        if (lastTriggered.isPresent() && lastTriggered.get().plus(minGap).isAfter(now)) {
            return Optional.empty();
        }
        if (since.teacherLabels() >= driftMinLabels && since.disagreementRate() >= driftRate) {
            return Optional.of(Trigger.DRIFT);
        }
        if (minNewLabels > 0 && since.newLabels() >= minNewLabels) {
            return Optional.of(Trigger.NEW_LABELS);
        }
        return Optional.empty();
    }
}
