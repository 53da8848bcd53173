package dev.sift.modelops.finetune;

/**
 * How the weights after some step did on the validation split.
 *
 * @param step optimizer steps taken before the evaluation (0: the weights the run started from)
 * @param loss the objective's loss against the hard labels, averaged over the validation examples
 * @param accuracy share of the validation examples whose predicted label set is exactly their labels: each label
 *     whose sigmoid is at least 0.5, or with the softmax objective the top label when its probability is at least
 *     0.5 (none otherwise, so an example without a label can be right)
 */
public record ValidationPoint(int step, double loss, double accuracy) {

    /**
     * Higher accuracy wins; at equal accuracy, which a small split often shows for many steps, lower loss wins. A
     * NaN loss (diverged weights) is never better, and anything finite beats it.
     *
     * @param other another evaluation
     * @return whether this one is strictly better
     */
    public boolean betterThan(ValidationPoint other) {
        if (Double.isNaN(loss)) {
            return false;
        }
        if (Double.isNaN(other.loss)) {
            return true;
        }
        if (accuracy != other.accuracy) {
            return accuracy > other.accuracy;
        }
        return loss < other.loss;
    }
}
