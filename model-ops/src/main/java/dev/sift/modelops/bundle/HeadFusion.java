package dev.sift.modelops.bundle;

import dev.sift.modelops.onnx.GraphOps;
import dev.sift.modelops.onnx.Nodes;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.train.LinearHead;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuses trained heads onto a sentence-embedding graph: for each head a MatMul and Add with the calibrated weights,
 * then Sigmoid or Softmax, as named outputs {@code intent_probs} and {@code reputation_probs}. The bundle is then
 * one graph whose outputs are the probabilities, with no math left to the Java side.
 */
public final class HeadFusion {

    private HeadFusion() {
    }

    /**
     * Fuses heads in place.
     *
     * @param graph a graph with output {@value SentenceEmbeddingGraph#OUTPUT}
     * @param heads heads to add
     */
    public static void fuse(OnnxGraph graph, List<LinearHead> heads) {
        String embedding = SentenceEmbeddingGraph.OUTPUT;
        if (graph.outputs().stream().noneMatch(o -> o.getName().equals(embedding))) {
            throw new IllegalArgumentException("graph has no " + embedding + " output to fuse heads onto");
        }
        Map<String, long[]> outputs = new LinkedHashMap<>();
        Map<String, String[]> symbols = new LinkedHashMap<>();
        for (LinearHead head : heads) {
            GraphOps ops = new GraphOps(graph, "sift_head/" + head.role() + "/");
            String logits = ops.linear(embedding, head.weights(), head.bias(), head.inputSize(), head.outputs(),
                    head.role());
            switch (head.activation()) {
                case SOFTMAX -> ops.opNamed(head.activation().onnxOperator(), head.outputName(), List.of(logits),
                        Nodes.intAttr("axis", 1));
                case SIGMOID -> ops.opNamed(head.activation().onnxOperator(), head.outputName(), List.of(logits));
            }
            outputs.put(head.outputName(), new long[] {-1, head.outputs()});
            symbols.put(head.outputName(), new String[] {"batch", null});
        }
        graph.setFloatOutputs(outputs, symbols);
        graph.removeDeadCode();
        graph.checkOrThrow("fusing heads");
    }
}
