package dev.sift.modelops.finetune;

import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.PolynomialDecayTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import java.util.Map;

/**
 * AdamW's learning rate per parameter and update: a linear warm-up from zero, then a linear decay to zero at the last
 * step (DJL's warm-up and polynomial-decay trackers), scaled by each parameter's peak rate ({@link PeakRates}).
 */
final class LearningRateSchedule implements ParameterTracker {

    private final Tracker shape;
    private final Map<String, Float> peaks;

    /**
     * @param steps total steps of the run
     * @param options the warm-up share
     * @param peaks peak rate by parameter id
     */
    LearningRateSchedule(int steps, FineTuneOptions options, Map<String, Float> peaks) {
        int warmup = options.warmupSteps(steps);
        Tracker decay = PolynomialDecayTracker.builder().setBaseValue(1f).setEndLearningRate(0f)
                .setDecaySteps(Math.max(1, steps - warmup)).optPower(1f).build();
        this.shape = warmup == 0 ? decay : Tracker.warmUp().setMainTracker(decay).optWarmUpSteps(warmup)
                .optWarmUpBeginValue(0f).optWarmUpMode(WarmUpTracker.Mode.LINEAR).build();
        this.peaks = Map.copyOf(peaks);
    }

    /**
     * @param update the update number, from 1
     * @return the share of the peak rate at that update
     */
    float factor(int update) {
        return shape.getNewValue(update);
    }

    @Override
    public float getNewValue(String parameterId, int numUpdate) {
        Float peak = peaks.get(parameterId);
        if (peak == null) {
            throw new IllegalStateException("no learning rate for parameter " + parameterId);
        }
        return peak * factor(numUpdate);
    }
}
