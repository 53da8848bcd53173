package dev.sift.modelops.optimize;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.sift.modelops.onnx.LayerNormMatch;
import dev.sift.modelops.onnx.LayerNormPattern;
import dev.sift.modelops.onnx.Nodes;
import dev.sift.modelops.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rewrites decomposed layer normalizations so that ONNX Runtime runs them as vectorized element-wise kernels instead
 * of fusing them into its CPU {@code LayerNormalization} kernel.
 *
 * <p>Why: ONNX Runtime 1.29 fuses {@code ReduceMean → Sub → Pow → ReduceMean → Add → Sqrt → Div} (the form BERT-family
 * exports at opset 11 have) into {@code LayerNormalization}, whose CPU kernel normalizes each row with scalar
 * double-precision arithmetic and a division per element. Written here as a multiplication by the reciprocal of the
 * standard deviation, and the square as a product, the same arithmetic (to within a rounding) leaves the fusion no
 * pattern to match and runs as element-wise kernels ({@code docs/performance.md} has the measurements).
 *
 * <p>Layer norms are found by their structure ({@link LayerNormPattern}); only those in the form ONNX Runtime fuses
 * are rewritten. Anything else (MobileBERT's {@code NoNorm}, already fused or already rewritten ones) is left alone.
 */
public final class LayerNormRewriter {

    private LayerNormRewriter() {
    }

    /**
     * Rewrites a graph in place.
     *
     * @param graph any ONNX graph
     * @return the layer norms rewritten
     */
    public static int rewrite(OnnxGraph graph) {
        Set<NodeProto> squares = new HashSet<>();
        Set<NodeProto> divisions = new HashSet<>();
        for (LayerNormMatch norm : LayerNormPattern.all(graph.index())) {
            if (norm.fusableByOnnxRuntime()) {
                squares.add(norm.square());
                divisions.add(norm.division());
            }
        }
        List<NodeProto> out = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            if (squares.contains(node)) {
                out.add(Nodes.node("Mul", node.getName() + "_as_product", List.of(node.getInput(0), node.getInput(0)),
                        List.of(node.getOutput(0))));
            } else if (divisions.contains(node)) {
                String reciprocal = graph.uniqueName(node.getInput(1) + "_reciprocal");
                out.add(Nodes.node("Reciprocal", reciprocal, List.of(node.getInput(1)), List.of(reciprocal)));
                out.add(Nodes.node("Mul", node.getName() + "_by_reciprocal", List.of(node.getInput(0), reciprocal),
                        List.of(node.getOutput(0))));
            } else {
                out.add(node);
            }
        }
        graph.replaceNodes(out, "rewriting layer norms");
        return divisions.size();
    }
}
