package dev.sift.modelops.finetune;

/**
 * What a fine-tuning run did.
 *
 * @param steps optimizer steps run
 * @param examples examples seen (with repeats across epochs)
 * @param losses training loss (mean binary cross-entropy of the batch) at each step
 * @param seconds wall time of the steps
 * @param trainedValues number of values trained (encoder and head)
 */
public record FineTuneReport(int steps, long examples, float[] losses, double seconds, long trainedValues) {

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

    private double mean(int from, int to) {
        if (to <= from) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += losses[i];
        }
        return sum / (to - from);
    }
}
