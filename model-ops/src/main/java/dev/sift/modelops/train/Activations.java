package dev.sift.modelops.train;

/** The output activations, for evaluating heads off-graph. */
public final class Activations {

    private Activations() {
    }

    /**
     * @param z logits
     * @return element-wise logistic
     */
    public static float[] sigmoid(double[] z) {
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
        }
        return p;
    }

    /**
     * @param z logits
     * @return a probability distribution
     */
    public static float[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
            sum += e[i];
        }
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
