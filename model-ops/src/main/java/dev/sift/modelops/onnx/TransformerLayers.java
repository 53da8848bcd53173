package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.sift.modelops.onnx.LayerSelectionException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where each transformer layer of an encoder graph begins and ends, found from the graph's structure, not from tensor
 * or initializer names (exports name them differently, and MobileBERT's are mostly {@code onnx::MatMul_487}).
 *
 * <p>A layer's input is the tensor that carries everything the layers below computed: every path from the token ids
 * to the token states goes through it. These tensors are the token states' dominators in the graph of data that
 * flows from {@code input_ids} (a {@code Shape} carries no data, the attention mask joins from the side). Along that
 * chain, the attention {@code Softmax} nodes upstream ({@link SoftmaxDepth}) count the layers: layer j's input is the
 * last dominator with j softmaxes upstream, the residual stream just before layer j branches into its query, key, value
 * and residual paths. For BERT that is the LayerNorm that closes layer j-1 (or the embeddings' LayerNorm), for
 * MobileBERT the NoNorm that closes its output bottleneck.
 *
 * @param inputs the tensor each layer reads, layer 0 first (the embeddings' output)
 * @param output the last layer's output: the graph's token states
 */
public record TransformerLayers(List<String> inputs, String output) {

    /** Copies. */
    public TransformerLayers {
        inputs = List.copyOf(inputs);
    }

    /** @return the number of layers */
    public int count() {
        return inputs.size();
    }

    /**
     * @param layer a layer index
     * @return the tensor it reads
     */
    public String inputOf(int layer) {
        return inputs.get(layer);
    }

    /**
     * @param layer a layer index
     * @return the tensor it writes: the next layer's input, or the token states for the last layer
     */
    public String outputOf(int layer) {
        return layer + 1 < inputs.size() ? inputs.get(layer + 1) : output;
    }

    /**
     * @param graph an encoder graph reading {@code input_ids}, with a token-state output {@code [batch, seq, hidden]}
     * @return its layers
     * @throws LayerSelectionException when its layers cannot be told apart
     */
    public static TransformerLayers of(OnnxGraph graph) {
        GraphIndex index = graph.index();
        String tokenStates = SentenceEmbeddingGraph.tokenStates(graph);
        SoftmaxDepth softmaxes = SoftmaxDepth.of(index.nodes());
        long softmaxNodes = index.nodes().stream().filter(n -> n.getOpType().equals("Softmax")).count();
        if (softmaxNodes == 0) {
            throw new LayerSelectionException(Reason.NO_ATTENTION, "the graph has no attention Softmax node, so no"
                    + " transformer layer to count");
        }
        List<String> chain = dominatorsOf(tokenStates, index);
        int layers = softmaxes.of(tokenStates);
        if (softmaxNodes != layers) {
            throw new LayerSelectionException(Reason.LAYERS_NOT_SEPARABLE, softmaxNodes + " Softmax nodes, but "
                    + layers + " in a row before " + tokenStates + ": not one attention softmax per layer");
        }
        String[] inputs = new String[layers];
        for (String tensor : chain) {
            int depth = softmaxes.of(tensor);
            if (depth < layers) {
                inputs[depth] = tensor; // the chain runs upward from the token ids: the last one seen wins
            }
        }
        for (int layer = 0; layer < layers; layer++) {
            if (inputs[layer] == null) {
                throw new LayerSelectionException(Reason.LAYERS_NOT_SEPARABLE, "no single tensor carries the"
                        + " residual stream into layer " + layer + " (of " + layers + "): its layers cannot be told"
                        + " apart");
            }
        }
        checkOutputIsALayerOutput(index, inputs, tokenStates);
        return new TransformerLayers(List.of(inputs), tokenStates);
    }

    /**
     * The dominators of {@code target} in the data flow from the token ids, from the token ids down to the target
     * (both included). In a DAG visited in topological order, a tensor's immediate dominator is the lowest common
     * dominator of the tensors its producer reads (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance Algorithm").
     */
    private static List<String> dominatorsOf(String target, GraphIndex index) {
        String source = EmbeddingLookup.INPUT_IDS;
        Map<String, String> parent = new HashMap<>();
        Map<String, Integer> level = new HashMap<>();
        level.put(source, 0);
        for (NodeProto node : index.nodes()) {
            if (node.getOpType().equals("Shape") || node.getOpType().equals("Size")) {
                continue;
            }
            Set<String> dataInputs = new LinkedHashSet<>();
            node.getInputList().stream().filter(level::containsKey).forEach(dataInputs::add);
            if (dataInputs.isEmpty()) {
                continue;
            }
            String common = null;
            for (String input : dataInputs) {
                common = common == null ? input : lowestCommon(common, input, parent, level);
            }
            for (String output : node.getOutputList()) {
                parent.put(output, common);
                level.put(output, level.get(common) + 1);
            }
        }
        if (!level.containsKey(target)) {
            throw new LayerSelectionException(Reason.NO_TOKEN_PATH, "the token states " + target + " do not depend on"
                    + " the graph input " + source);
        }
        List<String> chain = new ArrayList<>();
        for (String tensor = target; tensor != null; tensor = parent.get(tensor)) {
            chain.add(tensor);
        }
        Collections.reverse(chain);
        return chain;
    }

    private static String lowestCommon(String a, String b, Map<String, String> parent, Map<String, Integer> level) {
        while (!a.equals(b)) {
            if (level.get(a) >= level.get(b)) {
                a = parent.get(a);
            } else {
                b = parent.get(b);
            }
        }
        return a;
    }

    /**
     * The token states must come out of the last layer the way each layer's output comes out of its layer: when the
     * operator producing them differs (a final LayerNorm after a pre-LN stack, whose layers end in a residual
     * {@code Add}), dropping the top layers would drop that tail too.
     */
    private static void checkOutputIsALayerOutput(GraphIndex index, String[] inputs, String tokenStates) {
        if (inputs.length < 2) {
            return;
        }
        String layerEnd = producerOp(index, inputs[inputs.length - 1]);
        String end = producerOp(index, tokenStates);
        if (!layerEnd.equals(end)) {
            throw new LayerSelectionException(Reason.OUTPUT_AFTER_LAST_LAYER, "the token states " + tokenStates
                    + " come out of a " + end + " where each layer ends in a " + layerEnd + ": something follows the"
                    + " last layer");
        }
    }

    private static String producerOp(GraphIndex index, String tensor) {
        return index.producer(tensor).map(NodeProto::getOpType).orElse("graph input");
    }
}
