package dev.sift.modelops.finetune;

import java.util.List;
import java.util.Optional;

/**
 * What a fine-tuning run did.
 *
 * @param steps optimizer steps run
 * @param examples examples seen (with repeats across epochs)
 * @param losses training loss at each step: the objective's loss of the batch, with a teacher the mix of the hard
 *     and the soft term that was minimized
 * @param seconds wall time of the steps
 * @param trainedValues number of values trained (encoder and head)
 * @param teacherDivergences with a teacher, the soft term alone at each step: the student's mean KL divergence from
 *     the teacher at the temperature, before the step's update (NaN for a batch the term does not cover); empty
 *     without a teacher
 * @param plannedSteps the steps the run planned (more than {@code steps} when it stopped early)
 * @param validation every evaluation on the validation split, in step order; empty without validation
 * @param bestStep the step whose weights the run ended with: the best evaluation's, or with no validation the last
 * @param stoppedEarly whether the validation split stopped the run before its planned steps
 * @param validationSeconds wall time of the evaluations (not part of {@code seconds})
 */
public record FineTuneReport(int steps, long examples, float[] losses, double seconds, long trainedValues,
        float[] teacherDivergences, int plannedSteps, List<ValidationPoint> validation, int bestStep,
        boolean stoppedEarly, double validationSeconds) {

    /** Copies the evaluations. */
    public FineTuneReport {
        validation = List.copyOf(validation);
    }

    /**
     * A run without validation: every planned step ran, the last weights were kept.
     *
     * @param steps optimizer steps run
     * @param examples examples seen
     * @param losses training loss at each step
     * @param seconds wall time of the steps
     * @param trainedValues number of values trained
     * @param teacherDivergences the soft term at each step; empty without a teacher
     */
    public FineTuneReport(int steps, long examples, float[] losses, double seconds, long trainedValues,
            float[] teacherDivergences) {
        this(steps, examples, losses, seconds, trainedValues, teacherDivergences, steps, List.of(), steps, false, 0);
    }

    /**
     * A run without a teacher.
     *
     * @param steps optimizer steps run
     * @param examples examples seen
     * @param losses training loss at each step
     * @param seconds wall time of the steps
     * @param trainedValues number of values trained
     */
    public FineTuneReport(int steps, long examples, float[] losses, double seconds, long trainedValues) {
        this(steps, examples, losses, seconds, trainedValues, new float[0]);
    }

    /** @return the evaluation whose weights the run ended with, when the run was validated */
    public Optional<ValidationPoint> best() {
        return validation.stream().filter(p -> p.step() == bestStep).findFirst();
    }

    /** @return mean seconds per step */
    public double secondsPerStep() {
        return steps == 0 ? 0 : seconds / steps;
    }

    /**
     * @param count how many steps
     * @return mean loss of the first steps
     */
    public double firstLoss(int count) {
        return mean(0, Math.min(count, losses.length));
    }

    /**
     * @param count how many steps
     * @return mean loss of the last steps
     */
    public double lastLoss(int count) {
        return mean(Math.max(0, losses.length - count), losses.length);
    }

    /**
     * @param count how many steps
     * @return mean divergence from the teacher over the first steps that have one; NaN without a teacher
     */
    public double firstTeacherDivergence(int count) {
        return mean(teacherDivergences, 0, Math.min(count, teacherDivergences.length), true);
    }

    /**
     * @param count how many steps
     * @return mean divergence from the teacher over the last steps that have one; NaN without a teacher
     */
    public double lastTeacherDivergence(int count) {
        return mean(teacherDivergences, Math.max(0, teacherDivergences.length - count), teacherDivergences.length,
                true);
    }

    private double mean(int from, int to) {
        // A NaN loss means the run diverged: it must show in the mean, not be skipped.
        return mean(losses, from, to, false);
    }

    private static double mean(float[] values, int from, int to, boolean skipNaN) {
        double sum = 0;
        int n = 0;
        for (int i = from; i < to; i++) {
            if (!skipNaN || !Float.isNaN(values[i])) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
