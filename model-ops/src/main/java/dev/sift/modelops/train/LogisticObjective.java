package dev.sift.modelops.train;

import java.util.concurrent.ExecutorService;

/**
 * The L2-regularized logistic loss of a whole linear head, averaged over examples, with its gradient:
 * {@code (1/n)·Σ loss(x_i·W + b, t_i) + ||W||²/(2Cn) + ||b||²/(2Cn)}, i.e. liblinear's {@code C·Σ loss + ||w||²/2}
 * divided by {@code C·n}, so costs mean what they meant with liblinear. The loss is {@link Loss#MULTINOMIAL} or
 * {@link Loss#ONE_VS_REST} (the sum of the columns' binary losses).
 *
 * <p>The value and gradient do not depend on the number of threads ({@link DataPass}). Rows are mean-centred by the
 * caller (the objective is then much better conditioned; the mean is folded back into the bias).
 */
final class LogisticObjective implements Lbfgs.Objective {

    private final DataPass data;
    private final int[][] positives;
    private final Loss loss;
    private final int width;
    private final int labels;
    private final double lambda;

    /**
     * @param rows centred examples
     * @param positives label indices of each example
     * @param loss the loss
     * @param labels output columns
     * @param cost liblinear's {@code C}
     * @param pool where chunks run, or {@code null} to run them here
     */
    LogisticObjective(float[][] rows, int[][] positives, Loss loss, int labels, double cost, ExecutorService pool) {
        this(new DataPass(rows, pool), positives, loss, labels, cost);
    }

    /**
     * @param data the pass over the centred examples
     * @param positives label indices of each example
     * @param loss the loss
     * @param labels output columns
     * @param cost liblinear's {@code C}
     */
    LogisticObjective(DataPass data, int[][] positives, Loss loss, int labels, double cost) {
        this.data = data;
        this.positives = positives;
        this.loss = loss;
        this.width = data.width();
        this.labels = labels;
        this.lambda = 1.0 / (cost * Math.max(1, data.size()));
    }

    /** @return parameters: weights {@code [d, k]} row-major, then the bias {@code [k]} */
    int dimension() {
        return width * labels + labels;
    }

    @Override
    public double evaluate(double[] theta, double[] gradient) {
        float[][] w = new float[width][labels];
        float[] b = new float[labels];
        for (int d = 0; d < width; d++) {
            for (int j = 0; j < labels; j++) {
                w[d][j] = (float) theta[d * labels + j];
            }
        }
        for (int j = 0; j < labels; j++) {
            b[j] = (float) theta[width * labels + j];
        }
        int k = labels;
        DataPass.Sums sums = data.run(w, b, (example, z, r, sum) -> loss.residual(z, k, positives[example], r, sum),
                loss == Loss.MULTINOMIAL ? 1 : labels);
        double total = 0;
        for (double v : sums.loss()) {
            total += v;
        }
        System.arraycopy(sums.weights(), 0, gradient, 0, width * labels);
        System.arraycopy(sums.bias(), 0, gradient, width * labels, labels);
        double n = Math.max(1, data.size());
        double penalty = 0;
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = gradient[i] / n + lambda * theta[i];
            penalty += theta[i] * theta[i];
        }
        return total / n + 0.5 * lambda * penalty;
    }
}
