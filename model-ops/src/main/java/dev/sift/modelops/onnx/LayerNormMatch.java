package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * A layer normalization written out in elementary ops, {@code (x - mean(x)) / sqrt(mean(d²) + ε) · γ + β} with
 * {@code d = x - mean(x)}. Exports write it as ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div (then Mul by γ and
 * Add of β); {@code LayerNormRewriter} writes the square as {@code Mul(d, d)} and the division as a Mul by a
 * Reciprocal. Both forms match.
 *
 * @param input the normalized tensor {@code x}
 * @param mean {@code ReduceMean(x)}
 * @param centered {@code Sub(x, mean)}, whose output is {@code d}
 * @param square {@code Pow(d, 2)} or {@code Mul(d, d)}
 * @param variance {@code ReduceMean} of the square
 * @param division {@code Div(d, σ)} or {@code Mul(d, Reciprocal(σ))}
 * @param scale {@code Mul} by γ, the division's only reader; null without γ and β
 * @param shift {@code Add} of β, the scale's only reader; null without γ and β
 */
public record LayerNormMatch(String input, NodeProto mean, NodeProto centered, NodeProto square, NodeProto variance,
        NodeProto division, NodeProto scale, NodeProto shift) {

    /** @return whether γ and β follow the normalization, as in every transformer layer norm */
    public boolean hasAffine() {
        return shift != null;
    }

    /** @return the layer norm's output: after β when there is one */
    public String output() {
        return hasAffine() ? shift.getOutput(0) : division.getOutput(0);
    }

    /**
     * @return whether it is in the form exports write (a Pow and a Div), the one ONNX Runtime fuses into its
     *     {@code LayerNormalization} kernel
     */
    public boolean fusableByOnnxRuntime() {
        return square.getOpType().equals("Pow") && division.getOpType().equals("Div");
    }
}
