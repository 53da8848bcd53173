package dev.sift.modelops.finetune;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.sift.modelops.onnx.SoftmaxDepth;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How deep in an encoder each weight sits, read from the graph's structure rather than from initializer names (which
 * change with every export): a weight's depth is the number of attention {@code Softmax} nodes upstream of the node
 * that uses it. Every transformer layer has one attention softmax, so the embeddings and the first layer's
 * query/key/value projections are at depth 0, and the last layer's feed-forward block is at depth L, the number of
 * layers. The cut between depths falls at each layer's softmax, half a layer from where a hand-written model would put
 * it, which is immaterial to a learning-rate decay that only needs lower weights to train more slowly.
 *
 * @param depths depth by weight name, in graph order
 * @param layers the number of attention layers, the deepest depth
 */
record AttentionDepths(Map<String, Integer> depths, int layers) {

    /** Copies. */
    AttentionDepths {
        depths = Collections.unmodifiableMap(new LinkedHashMap<>(depths));
    }

    /**
     * @param nodes the graph's nodes, in topological order (as ONNX stores them)
     * @param weights the names of the weights to place
     * @return each weight's depth; a weight used at several depths takes the shallowest, where it trains slowest
     */
    static AttentionDepths of(List<NodeProto> nodes, Set<String> weights) {
        SoftmaxDepth softmaxes = SoftmaxDepth.of(nodes);
        Map<String, Integer> depths = new LinkedHashMap<>();
        for (NodeProto node : nodes) {
            int depth = softmaxes.atInputsOf(node);
            for (String input : node.getInputList()) {
                if (weights.contains(input)) {
                    depths.merge(input, depth, Math::min);
                }
            }
        }
        return new AttentionDepths(depths, softmaxes.deepest());
    }

    /**
     * @param weight a weight's name
     * @return its depth, from 0 (embeddings) to {@link #layers()}
     * @throws IllegalArgumentException when no node uses it
     */
    int depth(String weight) {
        Integer depth = depths.get(weight);
        if (depth == null) {
            throw new IllegalArgumentException("no node of the graph uses weight " + weight);
        }
        return depth;
    }
}
