package dev.sift.modelops.train;

import java.util.Arrays;

/**
 * The last operation of a head, as the manifest names it and the fused graph computes it.
 */
public enum Activation {

    /** Independent probabilities, one logistic per label: multi-label intents. */
    SIGMOID("sigmoid", "Sigmoid") {
        @Override
        public float[] apply(double[] z) {
            float[] p = new float[z.length];
            for (int i = 0; i < z.length; i++) {
                p[i] = (float) (1.0 / (1.0 + Math.exp(-z[i])));
            }
            return p;
        }
    },

    /** One distribution over the labels: single-label intents, reputation. */
    SOFTMAX("softmax", "Softmax") {
        @Override
        public float[] apply(double[] z) {
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
    };

    private final String manifestName;
    private final String onnxOperator;

    Activation(String manifestName, String onnxOperator) {
        this.manifestName = manifestName;
        this.onnxOperator = onnxOperator;
    }

    /**
     * @param z logits
     * @return probabilities
     */
    public abstract float[] apply(double[] z);

    /** @return the name in {@code manifest.json} ({@code sigmoid}, {@code softmax}) */
    public String manifestName() {
        return manifestName;
    }

    /** @return the ONNX operator computing it */
    public String onnxOperator() {
        return onnxOperator;
    }

    /**
     * @param name a manifest activation name
     * @return the activation
     */
    public static Activation fromManifest(String name) {
        return Arrays.stream(values()).filter(a -> a.manifestName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown activation '" + name + "'"));
    }
}
