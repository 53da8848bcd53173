package dev.sift.modelops.train;

/**
 * The loss a head's scores are fitted to, whatever the head's output activation.
 */
enum Loss {

    /**
     * One distribution over the columns: the cross-entropy against the uniform distribution over the example's labels
     * (over all columns when it has none, so examples without a label teach the head to be unsure). The columns are
     * coupled: they are fitted together.
     */
    MULTINOMIAL,

    /**
     * One binary logistic loss per column (one-vs-rest): an example is a positive of its labels' columns and a
     * negative of every other. The columns are independent problems sharing the data.
     */
    ONE_VS_REST;

    /**
     * Writes {@code dLoss/dz} of one example into {@code r} and adds its loss: per column into {@code loss[j]} for
     * {@link #ONE_VS_REST}, all into {@code loss[0]} for {@link #MULTINOMIAL}.
     *
     * @param z scores, {@code k} columns
     * @param k columns
     * @param positive the example's label columns
     * @param r filled with the residual
     * @param loss where the loss is added
     */
    void residual(float[] z, int k, int[] positive, float[] r, double[] loss) {
        if (this == MULTINOMIAL) {
            loss[0] += multinomial(z, k, positive, r);
            return;
        }
        negatives(z, k, r, loss);
        for (int j : positive) {
            loss[j] -= z[j];
            r[j] -= 1f;
        }
    }

    private static double multinomial(float[] z, int k, int[] positive, float[] r) {
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

    /**
     * The binary log-loss of every column as if the example were a negative of all: {@code log(1 + e^z)} added to
     * {@code loss[j]}, {@code sigmoid(z)} written to {@code r[j]}. A positive column then subtracts {@code z} and 1.
     * One exponential and one logarithm per column, of {@code e^-|z|}, so neither overflows.
     *
     * @param z scores
     * @param k columns
     * @param r filled with the sigmoids
     * @param loss per-column loss sums
     */
    static void negatives(float[] z, int k, float[] r, double[] loss) {
        for (int j = 0; j < k; j++) {
            double v = z[j];
            double e = Math.exp(-Math.abs(v));
            double inverse = 1 / (1 + e);
            loss[j] += Math.max(v, 0) + Math.log(1 + e);
            r[j] = (float) (v >= 0 ? inverse : e * inverse);
        }
    }
}
