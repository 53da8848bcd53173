package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Optional;

/**
 * Finds layer normalizations written out in elementary ops ({@link LayerNormMatch}) by their structure. Fused
 * {@code LayerNormalization} nodes and MobileBERT's NoNorm are not of this pattern.
 */
public final class LayerNormPattern {

    private LayerNormPattern() {
    }

    /**
     * @param index a graph's index
     * @return its decomposed layer norms, in graph order of their first ReduceMean
     */
    public static List<LayerNormMatch> all(GraphIndex index) {
        return index.nodes().stream().flatMap(n -> startingAt(index, n).stream()).toList();
    }

    /**
     * @param index a graph's index
     * @param mean any node of that graph
     * @return the layer norm whose first ReduceMean the node is
     */
    public static Optional<LayerNormMatch> startingAt(GraphIndex index, NodeProto mean) {
        if (!mean.getOpType().equals("ReduceMean")) {
            return Optional.empty();
        }
        String x = mean.getInput(0);
        return index.consumers(mean.getOutput(0)).stream()
                .filter(sub -> sub.getOpType().equals("Sub") && sub.getInput(0).equals(x)
                        && sub.getInput(1).equals(mean.getOutput(0)))
                .flatMap(sub -> centeredBy(index, mean, sub).stream()).findFirst();
    }

    /**
     * @param index a graph's index
     * @param x a tensor
     * @return the first layer norm (in graph order) that normalizes it
     */
    public static Optional<LayerNormMatch> reading(GraphIndex index, String x) {
        return index.consumers(x).stream().filter(n -> n.getInput(0).equals(x))
                .flatMap(n -> startingAt(index, n).stream()).findFirst();
    }

    /** The rest of the pattern, from {@code d = Sub(x, mean)}: a division of d by sqrt(mean(d²) + ε). */
    private static Optional<LayerNormMatch> centeredBy(GraphIndex index, NodeProto mean, NodeProto sub) {
        String d = sub.getOutput(0);
        for (NodeProto division : index.consumers(d)) {
            Optional<NodeProto> variance = divisor(index, division, d)
                    .flatMap(sigma -> index.producedBy(sigma, "Sqrt"))
                    .flatMap(sqrt -> index.producedBy(sqrt.getInput(0), "Add"))
                    .flatMap(plusEpsilon -> meanOfSquare(index, plusEpsilon, d));
            if (variance.isPresent()) {
                NodeProto square = index.producer(variance.get().getInput(0)).orElseThrow();
                Optional<NodeProto> scale = index.onlyConsumer(division.getOutput(0), "Mul");
                NodeProto shift = scale.flatMap(m -> index.onlyConsumer(m.getOutput(0), "Add")).orElse(null);
                return Optional.of(new LayerNormMatch(mean.getInput(0), mean, sub, square, variance.get(), division,
                        shift == null ? null : scale.get(), shift));
            }
        }
        return Optional.empty();
    }

    /** σ, when the node divides d by it: {@code Div(d, σ)} or {@code Mul(d, Reciprocal(σ))}. */
    private static Optional<String> divisor(GraphIndex index, NodeProto node, String d) {
        if (node.getInputCount() != 2 || !node.getInput(0).equals(d)) {
            return Optional.empty();
        }
        return switch (node.getOpType()) {
            case "Div" -> Optional.of(node.getInput(1));
            case "Mul" -> index.producedBy(node.getInput(1), "Reciprocal").map(r -> r.getInput(0));
            default -> Optional.empty();
        };
    }

    /** The addend of {@code mean(d²) + ε} that is {@code ReduceMean(Pow(d, 2))} or {@code ReduceMean(Mul(d, d))}. */
    private static Optional<NodeProto> meanOfSquare(GraphIndex index, NodeProto plusEpsilon, String d) {
        for (String addend : plusEpsilon.getInputList()) {
            Optional<NodeProto> variance = index.producedBy(addend, "ReduceMean")
                    .filter(v -> index.producer(v.getInput(0)).filter(n -> squares(index, n, d)).isPresent());
            if (variance.isPresent()) {
                return variance;
            }
        }
        return Optional.empty();
    }

    private static boolean squares(GraphIndex index, NodeProto node, String d) {
        return switch (node.getOpType()) {
            case "Pow" -> node.getInput(0).equals(d) && index.constant(node.getInput(1))
                    .map(LayerNormPattern::isTwo).orElse(false);
            case "Mul" -> node.getInput(0).equals(d) && node.getInput(1).equals(d);
            default -> false;
        };
    }

    private static boolean isTwo(TensorProto exponent) {
        if (exponent.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            return false;
        }
        float[] values = Tensors.toFloats(exponent);
        return values.length == 1 && values[0] == 2f;
    }
}
