package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many attention {@code Softmax} nodes lie upstream of each tensor of an encoder graph: the structural measure of
 * depth that layer-wise learning rates ({@code finetune.AttentionDepths}) and layer boundaries
 * ({@link TransformerLayers}) both read, so that they agree on what a layer is. Every transformer layer has one
 * attention softmax, and in a post-LN or pre-LN encoder every softmax is downstream of the ones before it, so the
 * maximum over a node's inputs counts all the softmaxes upstream of it.
 */
public final class SoftmaxDepth {

    private final Map<String, Integer> byTensor;

    private SoftmaxDepth(Map<String, Integer> byTensor) {
        this.byTensor = byTensor;
    }

    /**
     * @param nodes a graph's nodes, in topological order (as ONNX stores them)
     * @return the softmax count of every tensor the nodes produce
     */
    public static SoftmaxDepth of(List<NodeProto> nodes) {
        Map<String, Integer> byTensor = new HashMap<>();
        for (NodeProto node : nodes) {
            int out = inputs(node, byTensor) + (node.getOpType().equals("Softmax") ? 1 : 0);
            for (String output : node.getOutputList()) {
                byTensor.put(output, out);
            }
        }
        return new SoftmaxDepth(byTensor);
    }

    private static int inputs(NodeProto node, Map<String, Integer> byTensor) {
        int depth = 0;
        for (String input : node.getInputList()) {
            depth = Math.max(depth, byTensor.getOrDefault(input, 0));
        }
        return depth;
    }

    /**
     * @param tensor a tensor name
     * @return the softmaxes upstream of it, its producer included; 0 for graph inputs and initializers
     */
    public int of(String tensor) {
        return byTensor.getOrDefault(tensor, 0);
    }

    /**
     * @param node a node of the graph
     * @return the softmaxes upstream of its inputs, the node itself excluded
     */
    public int atInputsOf(NodeProto node) {
        return inputs(node, byTensor);
    }

    /** @return the largest count in the graph: its number of attention layers */
    public int deepest() {
        return byTensor.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
