package dev.sift.modelops.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One pass over the training rows of a linear head: the scores {@code z = x·W + b} of every example, its residual
 * {@code dLoss/dz}, and the sums of the loss and of the gradient {@code Σ xᵀ·r}. The rows are cut into fixed chunks,
 * computed on the pool in any order and added in chunk order, so the sums do not depend on the number of threads.
 * Within a chunk the arithmetic is float (the embeddings are float), across chunks double.
 */
final class DataPass {

    /** Examples per chunk: the unit of work of a thread, and of the fixed summation order. */
    static final int CHUNK = 512;
    private static final int BLOCK = 4;

    /** The derivative of an example's loss with respect to its scores. */
    interface Residual {
        /**
         * @param example the example's index among the rows
         * @param z its scores, one per column
         * @param r filled with {@code dLoss/dz}, one per column
         * @param loss where its loss is added (per column, or all in slot 0)
         */
        void apply(int example, float[] z, float[] r, double[] loss);
    }

    /**
     * The sums of one pass.
     *
     * @param loss loss sums, one per slot
     * @param weights gradient sums of the weights, {@code [d, k]} row-major
     * @param bias gradient sums of the bias
     */
    record Sums(double[] loss, double[] weights, double[] bias) {
    }

    private final float[][] rows;
    private final int width;
    private final ExecutorService pool;
    private final int chunks;
    private float[][][] partialWeights;
    private double[][] partialBias;
    private double[][] partialLoss;

    /**
     * @param rows the examples (centred by the caller)
     * @param pool where chunks run, or {@code null} to run them here
     */
    DataPass(float[][] rows, ExecutorService pool) {
        this.rows = rows;
        this.width = rows.length == 0 ? 0 : rows[0].length;
        this.pool = pool;
        this.chunks = (rows.length + CHUNK - 1) / CHUNK;
    }

    /** @return examples */
    int size() {
        return rows.length;
    }

    /** @return embedding width */
    int width() {
        return width;
    }

    /**
     * @param w weights {@code [d][k]}
     * @param b bias {@code [k]}
     * @param residual each example's residual and loss
     * @param lossSlots length of the loss sums
     * @return the sums
     */
    Sums run(float[][] w, float[] b, Residual residual, int lossSlots) {
        int k = b.length;
        ensureBuffers(k, lossSlots);
        if (pool == null || chunks <= 1) {
            for (int c = 0; c < chunks; c++) {
                chunk(c, w, b, residual, lossSlots);
            }
        } else {
            List<Callable<Void>> tasks = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                tasks.add(() -> {
                    chunk(chunk, w, b, residual, lossSlots);
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
        double[] loss = new double[lossSlots];
        double[] weights = new double[width * k];
        double[] bias = new double[k];
        for (int c = 0; c < chunks; c++) {
            for (int s = 0; s < lossSlots; s++) {
                loss[s] += partialLoss[c][s];
            }
            for (int j = 0; j < k; j++) {
                bias[j] += partialBias[c][j];
            }
            float[][] partial = partialWeights[c];
            for (int d = 0; d < width; d++) {
                float[] row = partial[d];
                int offset = d * k;
                for (int j = 0; j < k; j++) {
                    weights[offset + j] += row[j];
                }
            }
        }
        return new Sums(loss, weights, bias);
    }

    /** Chunk buffers are kept between passes (a pass allocates nothing large); they only grow. */
    private void ensureBuffers(int k, int lossSlots) {
        if (partialWeights == null || partialWeights[0][0].length < k || partialLoss[0].length < lossSlots) {
            int columns = partialWeights == null ? k : Math.max(k, partialWeights[0][0].length);
            int slots = partialLoss == null ? lossSlots : Math.max(lossSlots, partialLoss[0].length);
            partialWeights = new float[chunks][width][columns];
            partialBias = new double[chunks][columns];
            partialLoss = new double[chunks][slots];
        }
    }

    /**
     * Loss and gradient sums of one chunk. Examples go four at a time, so each row of {@code W} (and of its
     * gradient) is read once per four examples.
     */
    private void chunk(int c, float[][] w, float[] b, Residual residual, int lossSlots) {
        int from = c * CHUNK;
        int to = Math.min(rows.length, from + CHUNK);
        int k = b.length;
        float[][] gw = partialWeights[c];
        for (float[] row : gw) {
            Arrays.fill(row, 0, k, 0f);
        }
        double[] gb = partialBias[c];
        Arrays.fill(gb, 0);
        double[] loss = partialLoss[c];
        Arrays.fill(loss, 0, lossSlots, 0);
        float[][] z = new float[BLOCK][k];
        float[][] r = new float[BLOCK][k];
        float[] zero = new float[width];
        for (int start = from; start < to; start += BLOCK) {
            int size = Math.min(BLOCK, to - start);
            float[] x0 = rows[start];
            float[] x1 = size > 1 ? rows[start + 1] : zero;
            float[] x2 = size > 2 ? rows[start + 2] : zero;
            float[] x3 = size > 3 ? rows[start + 3] : zero;
            for (int e = 0; e < BLOCK; e++) {
                System.arraycopy(b, 0, z[e], 0, k);
            }
            scores(w, width, k, x0, x1, x2, x3, z[0], z[1], z[2], z[3]);
            for (int e = 0; e < BLOCK; e++) {
                if (e < size) {
                    residual.apply(start + e, z[e], r[e], loss);
                    float[] re = r[e];
                    for (int j = 0; j < k; j++) {
                        gb[j] += re[j];
                    }
                } else {
                    Arrays.fill(r[e], 0f);
                }
            }
            gradient(gw, width, k, x0, x1, x2, x3, r[0], r[1], r[2], r[3]);
        }
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
}
