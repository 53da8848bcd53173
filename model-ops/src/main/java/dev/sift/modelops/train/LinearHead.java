package dev.sift.modelops.train;

import dev.sift.classifier.bundle.BundleManifest;
import java.util.List;

/**
 * A trained, calibrated linear head on sentence embeddings: {@code activation(x · W + b)}, with calibration folded
 * into {@code W} and {@code b}.
 *
 * @param role {@link BundleManifest#INTENTS} or {@link BundleManifest#REPUTATION}
 * @param activation sigmoid (independent labels) or softmax (one distribution)
 * @param labels column labels
 * @param inputSize embedding width {@code n}
 * @param weights {@code [n, k]} row-major
 * @param bias {@code [k]}
 * @param calibration how probabilities were calibrated
 * @param regularization chosen cost {@code C}
 */
public record LinearHead(String role, Activation activation, List<String> labels, int inputSize, float[] weights,
        float[] bias, BundleManifest.Calibration calibration, double regularization) {

    /** Validates the shapes. */
    public LinearHead {
        labels = List.copyOf(labels);
        java.util.Objects.requireNonNull(activation, "activation");
        if (weights.length != inputSize * labels.size() || bias.length != labels.size()) {
            throw new IllegalArgumentException("head " + role + ": weights " + weights.length + " / bias "
                    + bias.length + " do not fit " + inputSize + " x " + labels.size());
        }
    }

    /** @return number of output columns */
    public int outputs() {
        return labels.size();
    }

    /** @return name of the graph output this head produces */
    public String outputName() {
        return role.equals(BundleManifest.INTENTS) ? "intent_probs" : "reputation_probs";
    }

    /**
     * Applies the head in Java (for evaluation of features without the fused graph).
     *
     * @param x one embedding
     * @return probabilities
     */
    public float[] apply(float[] x) {
        int k = labels.size();
        double[] z = new double[k];
        for (int j = 0; j < k; j++) {
            z[j] = bias[j];
        }
        for (int i = 0; i < inputSize; i++) {
            float xi = x[i];
            int row = i * k;
            for (int j = 0; j < k; j++) {
                z[j] += xi * weights[row + j];
            }
        }
        return activation.apply(z);
    }

    /** @return the manifest entry of this head */
    public BundleManifest.Head manifestEntry() {
        return new BundleManifest.Head(outputName(), activation.manifestName(), labels, calibration);
    }
}
