package dev.sift.modelops.train;

import java.util.List;

/**
 * Uncalibrated linear scores {@code z = x·W + b} on the raw embedding, as solvers produce them and before the
 * calibration is folded in.
 *
 * @param width embedding width {@code d}
 * @param labels output columns {@code k}
 * @param weights {@code [d, k]} row-major
 * @param bias {@code [k]}
 */
record LinearModel(int width, int labels, double[] weights, double[] bias) {

    LinearModel {
        if (weights.length != width * labels || bias.length != labels) {
            throw new IllegalArgumentException("weights " + weights.length + " / bias " + bias.length
                    + " do not fit " + width + " x " + labels);
        }
    }

    /**
     * @param width embedding width
     * @param labels output columns
     * @return all zeros
     */
    static LinearModel zeros(int width, int labels) {
        return new LinearModel(width, labels, new double[width * labels], new double[labels]);
    }

    /**
     * The element-wise mean of models of one shape (the starting point of a refit on all data after
     * cross-validation).
     *
     * @param models at least one model
     * @return their mean
     */
    static LinearModel mean(List<LinearModel> models) {
        LinearModel first = models.get(0);
        double[] w = new double[first.weights.length];
        double[] b = new double[first.bias.length];
        for (LinearModel m : models) {
            for (int i = 0; i < w.length; i++) {
                w[i] += m.weights[i] / models.size();
            }
            for (int j = 0; j < b.length; j++) {
                b[j] += m.bias[j] / models.size();
            }
        }
        return new LinearModel(first.width, first.labels, w, b);
    }

    /**
     * The line through two solutions of a cost path, continued to another cost: the solutions move smoothly with the
     * logarithm of the cost, so this is a closer start for the next fit than the last solution alone.
     *
     * @param before the solution at {@code beforeCost}
     * @param beforeCost a cost
     * @param last the solution at {@code lastCost}
     * @param lastCost another cost
     * @param nextCost the cost to extrapolate to
     * @return {@code last + t·(last − before)}, {@code t = log(nextCost / lastCost) / log(lastCost / beforeCost)}
     */
    static LinearModel extrapolate(LinearModel before, double beforeCost, LinearModel last, double lastCost,
            double nextCost) {
        double t = Math.log(nextCost / lastCost) / Math.log(lastCost / beforeCost);
        double[] w = new double[last.weights.length];
        double[] b = new double[last.bias.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = last.weights[i] + t * (last.weights[i] - before.weights[i]);
        }
        for (int j = 0; j < b.length; j++) {
            b[j] = last.bias[j] + t * (last.bias[j] - before.bias[j]);
        }
        return new LinearModel(last.width, last.labels, w, b);
    }

    /**
     * @param x examples
     * @return {@code [example][label]} scores
     */
    double[][] logits(float[][] x) {
        double[][] z = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] row = bias.clone();
            float[] xi = x[i];
            for (int d = 0; d < width; d++) {
                double v = xi[d];
                int offset = d * labels;
                for (int j = 0; j < labels; j++) {
                    row[j] += v * weights[offset + j];
                }
            }
            z[i] = row;
        }
        return z;
    }
}
