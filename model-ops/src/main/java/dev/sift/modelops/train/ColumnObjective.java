package dev.sift.modelops.train;

import java.util.Arrays;

/**
 * The one-vs-rest logistic loss of each column of a head on its own, with the same averaging and regularization as
 * {@link LogisticObjective}: column {@code j}'s value is {@code (1/n)·Σ_i loss(x_i·w_j + b_j, [j ∈ labels_i]) +
 * (||w_j||² + b_j²)/(2Cn)}, and their sum is {@link LogisticObjective}'s one-vs-rest value. A point is a column's
 * weights followed by its bias. Only the columns asked for are computed, so a pass costs what the unconverged columns
 * cost; a column's value does not depend on which other columns are computed with it.
 */
final class ColumnObjective implements ColumnLbfgs.Objective {

    private final DataPass data;
    private final int[][] positives;
    private final int width;
    private final int labels;
    private final double lambda;

    /**
     * @param data the pass over the centred examples
     * @param positives label indices of each example
     * @param labels columns of the head
     * @param cost liblinear's {@code C}
     */
    ColumnObjective(DataPass data, int[][] positives, int labels, double cost) {
        this.data = data;
        this.positives = positives;
        this.width = data.width();
        this.labels = labels;
        this.lambda = 1.0 / (cost * Math.max(1, data.size()));
    }

    @Override
    public void evaluate(int[] columns, double[][] points, double[] values, double[][] gradients) {
        int k = columns.length;
        float[][] w = new float[width][k];
        float[] b = new float[k];
        int[] slotOf = new int[labels];
        Arrays.fill(slotOf, -1);
        for (int i = 0; i < k; i++) {
            slotOf[columns[i]] = i;
            double[] point = points[i];
            for (int d = 0; d < width; d++) {
                w[d][i] = (float) point[d];
            }
            b[i] = (float) point[width];
        }
        DataPass.Sums sums = data.run(w, b, (example, z, r, loss) -> {
            Loss.negatives(z, k, r, loss);
            for (int label : positives[example]) {
                int slot = slotOf[label];
                if (slot >= 0) {
                    loss[slot] -= z[slot];
                    r[slot] -= 1f;
                }
            }
        }, k);
        double n = Math.max(1, data.size());
        for (int i = 0; i < k; i++) {
            double[] point = points[i];
            double[] gradient = gradients[i];
            double penalty = 0;
            for (int d = 0; d < width; d++) {
                gradient[d] = sums.weights()[d * k + i] / n + lambda * point[d];
                penalty += point[d] * point[d];
            }
            gradient[width] = sums.bias()[i] / n + lambda * point[width];
            penalty += point[width] * point[width];
            values[i] = sums.loss()[i] / n + 0.5 * lambda * penalty;
        }
    }
}
