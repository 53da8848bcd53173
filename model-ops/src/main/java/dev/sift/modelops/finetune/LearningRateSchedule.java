package dev.sift.modelops.finetune;

import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.PolynomialDecayTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;
import java.util.Set;

/**
 * AdamW's learning rate per parameter and update: a linear warm-up from zero, then a linear decay to zero at the last
 * step (DJL's warm-up and polynomial-decay trackers), scaled by the encoder's or the head's peak rate.
 */
final class LearningRateSchedule implements ParameterTracker {

    private final Tracker shape;
    private final float encoderPeak;
    private final float headPeak;
    private final Set<String> headParameters;

    /**
     * @param steps total steps of the run
     * @param options peak rates and warm-up share
     * @param headParameters ids of the head's parameters
     */
    LearningRateSchedule(int steps, FineTuneOptions options, Set<String> headParameters) {
        int warmup = options.warmupSteps(steps);
        Tracker decay = PolynomialDecayTracker.builder().setBaseValue(1f).setEndLearningRate(0f)
                .setDecaySteps(Math.max(1, steps - warmup)).optPower(1f).build();
        this.shape = warmup == 0 ? decay : Tracker.warmUp().setMainTracker(decay).optWarmUpSteps(warmup)
                .optWarmUpBeginValue(0f).optWarmUpMode(WarmUpTracker.Mode.LINEAR).build();
        this.encoderPeak = options.learningRate();
        this.headPeak = options.headLearningRate();
        this.headParameters = Set.copyOf(headParameters);
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
        return (headParameters.contains(parameterId) ? headPeak : encoderPeak) * factor(numUpdate);
    }
}
