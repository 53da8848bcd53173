package dev.sift.modelops.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The L2-regularized logistic loss of a linear head, averaged over examples, with its gradient:
 * {@code (1/n)·Σ loss(x_i·W + b, t_i) + ||W||²/(2Cn) + ||b||²/(2Cn)}, i.e. liblinear's {@code C·Σ loss + ||w||²/2}
 * divided by {@code C·n}, so costs mean what they meant with liblinear.
 *
 * <p>Softmax: the cross-entropy against the uniform distribution over the example's intents (over all labels when it
 * has none, so irrelevant examples teach the head to be unsure). Sigmoid: the sum of one binary log-loss per label.
 *
 * <p>The examples are cut into fixed chunks whose partial sums are added in chunk order, so the value and gradient do
 * not depend on the number of threads. Rows are mean-centred by the caller (the objective is then much better
 * conditioned; the mean is folded back into the bias).
 */
final class LogisticObjective implements Lbfgs.Objective {

    private static final int CHUNK = 512;
    private static final int BLOCK = 4;

    private final float[][] rows;
    private final int[][] positives;
    private final Activation activation;
    private final int width;
    private final int labels;
    private final double lambda;
    private final ExecutorService pool;
    private final double[][] partialGradients;
    private final double[] partialLosses;

    /**
     * @param rows centred examples
     * @param positives label indices of each example
     * @param activation the head's activation, which decides the loss
     * @param labels output columns
     * @param cost liblinear's {@code C}
     * @param pool where chunks run, or {@code null} to run them here
     */
    LogisticObjective(float[][] rows, int[][] positives, Activation activation, int labels, double cost,
            ExecutorService pool) {
        this.rows = rows;
        this.positives = positives;
        this.activation = activation;
        this.width = rows.length == 0 ? 0 : rows[0].length;
        this.labels = labels;
        this.lambda = 1.0 / (cost * Math.max(1, rows.length));
        this.pool = pool;
        int chunks = (rows.length + CHUNK - 1) / CHUNK;
        this.partialGradients = new double[chunks][width * labels + labels];
        this.partialLosses = new double[chunks];
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
        int chunks = partialLosses.length;
        if (pool == null || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                chunk(c, w, b);
            }
        } else {
            List<Callable<Void>> tasks = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                tasks.add(() -> {
                    chunk(chunk, w, b);
                    return null;
                });
            }
            try {
                for (Future<Void> f : pool.invokeAll(tasks)) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("training failed: " + e.getCause(), e.getCause());
            }
        }
        double n = Math.max(1, rows.length);
        double loss = 0;
        java.util.Arrays.fill(gradient, 0);
        for (int c = 0; c < chunks; c++) {
            loss += partialLosses[c];
            double[] partial = partialGradients[c];
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] += partial[i];
            }
        }
        double penalty = 0;
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = gradient[i] / n + lambda * theta[i];
            penalty += theta[i] * theta[i];
        }
        return loss / n + 0.5 * lambda * penalty;
    }

    /**
     * Loss and gradient sums of one chunk, accumulated in float within the chunk and in double across chunks.
     * Examples go four at a time, so each row of {@code W} (and of its gradient) is read once per four examples.
     */
    private void chunk(int c, float[][] w, float[] b) {
        int from = c * CHUNK;
        int to = Math.min(rows.length, from + CHUNK);
        int k = labels;
        float[][] gw = new float[width][k];
        double[] gb = new double[k];
        float[][] z = new float[BLOCK][k];
        float[][] r = new float[BLOCK][k];
        float[] zero = new float[width];
        double loss = 0;
        for (int start = from; start < to; start += BLOCK) {
            int size = Math.min(BLOCK, to - start);
            float[] x0 = rows[start];
            float[] x1 = size > 1 ? rows[start + 1] : zero;
            float[] x2 = size > 2 ? rows[start + 2] : zero;
            float[] x3 = size > 3 ? rows[start + 3] : zero;
            float[] z0 = z[0];
            float[] z1 = z[1];
            float[] z2 = z[2];
            float[] z3 = z[3];
            for (int e = 0; e < BLOCK; e++) {
                System.arraycopy(b, 0, z[e], 0, k);
            }
            scores(w, width, k, x0, x1, x2, x3, z0, z1, z2, z3);
            for (int e = 0; e < BLOCK; e++) {
                if (e < size) {
                    loss += residual(z[e], positives[start + e], r[e]);
                    for (int j = 0; j < k; j++) {
                        gb[j] += r[e][j];
                    }
                } else {
                    java.util.Arrays.fill(r[e], 0f);
                }
            }
            gradient(gw, width, k, x0, x1, x2, x3, r[0], r[1], r[2], r[3]);
        }
        double[] partial = partialGradients[c];
        for (int d = 0; d < width; d++) {
            for (int j = 0; j < k; j++) {
                partial[d * k + j] = gw[d][j];
            }
        }
        System.arraycopy(gb, 0, partial, width * k, k);
        partialLosses[c] = loss;
    }

    // Rows of W and of its gradient are arrays of their own: the inner loops then start at index 0 of every array
    // they touch, which is what lets the JIT vectorize them; a flat [d*k] array read at an offset is not.

    /** {@code z_e += x_e · W} for four examples. */
    static void scores(float[][] w, int width, int k, float[] x0, float[] x1, float[] x2, float[] x3,
            float[] z0, float[] z1, float[] z2, float[] z3) {
        for (int d = 0; d < width; d++) {
            float a0 = x0[d];
            float a1 = x1[d];
            float a2 = x2[d];
            float a3 = x3[d];
            float[] row = w[d];
            for (int j = 0; j < k; j++) {
                float wj = row[j];
                z0[j] += a0 * wj;
                z1[j] += a1 * wj;
                z2[j] += a2 * wj;
                z3[j] += a3 * wj;
            }
        }
    }

    /** {@code G += Σ_e x_eᵀ · r_e} for four examples. */
    static void gradient(float[][] g, int width, int k, float[] x0, float[] x1, float[] x2, float[] x3,
            float[] r0, float[] r1, float[] r2, float[] r3) {
        for (int d = 0; d < width; d++) {
            float a0 = x0[d];
            float a1 = x1[d];
            float a2 = x2[d];
            float a3 = x3[d];
            float[] row = g[d];
            for (int j = 0; j < k; j++) {
                row[j] += a0 * r0[j] + a1 * r1[j] + a2 * r2[j] + a3 * r3[j];
            }
        }
    }

    /** Writes {@code dLoss/dz} into {@code r} and returns the loss of one example. */
    private double residual(float[] z, int[] positive, float[] r) {
        int k = labels;
        if (activation == Activation.SOFTMAX) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, z[j]);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(z[j] - max);
                r[j] = (float) e;
                sum += e;
            }
            double logSum = max + Math.log(sum);
            double targetShare = 1.0 / (positive.length == 0 ? k : positive.length);
            double loss = 0;
            for (int j = 0; j < k; j++) {
                r[j] = (float) (r[j] / sum);
            }
            if (positive.length == 0) {
                for (int j = 0; j < k; j++) {
                    loss += targetShare * (logSum - z[j]);
                    r[j] -= (float) targetShare;
                }
            } else {
                for (int j : positive) {
                    loss += targetShare * (logSum - z[j]);
                    r[j] -= (float) targetShare;
                }
            }
            return loss;
        }
        double loss = 0;
        for (int j = 0; j < k; j++) {
            // log(1 + e^z) - y·z, written to stay finite for large |z|.
            double v = z[j];
            double softplus = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
            loss += softplus;
            r[j] = (float) (1.0 / (1.0 + Math.exp(-v)));
        }
        for (int j : positive) {
            loss -= z[j];
            r[j] -= 1f;
        }
        return loss;
    }
}
