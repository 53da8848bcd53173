package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.List;

/**
 * The fine-tuning loss with a teacher term ({@link Distillation}). The teacher's probabilities are brought to the
 * temperature once, before training, with the mask of what the soft term covers:
 * <ul>
 *   <li>sigmoid objective: each label the teacher scores for that example; its probability p becomes
 *       {@code sigmoid(logit(p) / T)};</li>
 *   <li>softmax objective: each example with at least one hard label, all of them scored by the teacher for that
 *       example; its distribution is {@code softmax(log(p) / T)} over the labels the teacher scores for it. Examples without a label add
 *       nothing, as with the hard softmax loss: a softmax cannot say "none of these".</li>
 * </ul>
 * Where the mask is 0 the hard term has the whole weight.
 */
final class DistillationLoss {

    /** Keeps logit(p) and log(p) finite: calibrated heads do give 0 and 1 after rounding to float. */
    private static final double CLAMP = 1e-6;

    private final Objective objective;
    private final float weight;
    private final float temperature;
    private final float[][] soft;
    private final float[][] mask;
    private final float[][] entropy;

    private DistillationLoss(Objective objective, float weight, float temperature, float[][] soft, float[][] mask,
            float[][] entropy) {
        this.objective = objective;
        this.weight = weight;
        this.temperature = temperature;
        this.soft = soft;
        this.mask = mask;
        this.entropy = entropy;
    }

    /**
     * @param objective the student's objective
     * @param distillation weight and temperature
     * @param teacher the teacher's probabilities, one row per example
     * @param hard the hard targets, one row per example
     * @return the loss
     */
    static DistillationLoss of(Objective objective, Distillation distillation, SoftTargets teacher,
            List<float[]> hard) {
        if (teacher.probabilities().length != hard.size()) {
            throw new IllegalArgumentException("teacher " + teacher.source() + " scored "
                    + teacher.probabilities().length + " examples, the student trains on " + hard.size());
        }
        if (teacher.knownCount() == 0) {
            throw new IllegalArgumentException("teacher " + teacher.source() + " has none of the student's labels");
        }
        int labels = teacher.labels().size();
        double t = distillation.temperature();
        float[][] soft = new float[hard.size()][labels];
        float[][] mask = new float[hard.size()][labels];
        float[][] entropy = new float[hard.size()][];
        for (int i = 0; i < hard.size(); i++) {
            float[] p = teacher.probabilities()[i];
            boolean[] known = teacher.known()[i];
            if (objective == Objective.SIGMOID) {
                entropy[i] = new float[labels];
                for (int j = 0; j < labels; j++) {
                    if (known[j]) {
                        double c = clamp(p[j]);
                        double q = 1 / (1 + Math.exp(-Math.log(c / (1 - c)) / t));
                        soft[i][j] = (float) q;
                        mask[i][j] = 1f;
                        entropy[i][j] = (float) -(q * Math.log(q) + (1 - q) * Math.log(1 - q));
                    }
                }
            } else {
                entropy[i] = new float[1];
                if (softmaxCovers(hard.get(i), known)) {
                    double sum = 0;
                    double[] w = new double[labels];
                    for (int j = 0; j < labels; j++) {
                        w[j] = known[j] ? Math.exp(Math.log(clamp(p[j])) / t) : 0;
                        sum += w[j];
                    }
                    double h = 0;
                    for (int j = 0; j < labels; j++) {
                        double q = w[j] / sum;
                        soft[i][j] = (float) q;
                        mask[i][j] = 1f;
                        h -= q > 0 ? q * Math.log(q) : 0;
                    }
                    entropy[i][0] = (float) h;
                }
            }
        }
        return new DistillationLoss(objective, distillation.weight(), distillation.temperature(), soft, mask,
                entropy);
    }

    private static double clamp(float p) {
        return Math.min(1 - CLAMP, Math.max(CLAMP, p));
    }

    private static boolean softmaxCovers(float[] hard, boolean[] known) {
        boolean any = false;
        for (int j = 0; j < hard.length; j++) {
            if (hard[j] > 0) {
                if (!known[j]) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * The step's value to minimize and the soft term alone.
     *
     * @param loss what is backpropagated
     * @param teacherDivergence mean KL divergence from the teacher at the temperature over what the soft term
     *     covers (not backpropagated; NaN when the batch has nothing covered)
     */
    record Value(NDArray loss, float teacherDivergence) {
    }

    /**
     * @param logits the head's outputs {@code [batch, labels]}
     * @param hard the hard targets {@code [batch, labels]}
     * @param batch the examples' indices
     * @param manager owns the arrays (the step's scope closes them)
     * @return the value
     */
    Value evaluate(NDArray logits, NDArray hard, List<Integer> batch, NDManager manager) {
        NDArray q = manager.create(batch.stream().map(i -> soft[i]).toArray(float[][]::new));
        NDArray h = manager.create(batch.stream().map(i -> entropy[i]).toArray(float[][]::new));
        NDArray m = manager.create(batch.stream().map(i -> mask[i]).toArray(float[][]::new));
        NDArray scaled = logits.div(temperature);
        NDArray hardTerm;
        NDArray softTerm;
        NDArray covered;
        if (objective == Objective.SIGMOID) {
            // The same expression as DJL's SigmoidBinaryCrossEntropyLoss, so that a weight of 0 trains bit for bit
            // as without a teacher.
            hardTerm = Activation.relu(logits).sub(logits.mul(hard))
                    .add(Activation.softPlus(logits.abs().neg()));
            softTerm = Activation.relu(scaled).sub(scaled.mul(q))
                    .add(Activation.softPlus(scaled.abs().neg())).sub(h);
            covered = m;
        } else {
            // The same expression as DJL's SoftmaxCrossEntropyLoss on dense labels, per example.
            hardTerm = logits.logSoftmax(1).mul(hard).neg().sum(new int[] {1}, true);
            softTerm = scaled.logSoftmax(1).mul(q).neg().sum(new int[] {1}, true).sub(h);
            covered = m.max(new int[] {1}, true);
        }
        NDArray w = covered.mul(weight);
        NDArray value = hardTerm.mul(w.neg().add(1f)).add(softTerm.mul(w.mul(temperature * temperature))).mean();
        float count = covered.sum().getFloat();
        float divergence = count > 0 ? softTerm.mul(covered).sum().getFloat() / count : Float.NaN;
        return new Value(value, divergence);
    }
}
