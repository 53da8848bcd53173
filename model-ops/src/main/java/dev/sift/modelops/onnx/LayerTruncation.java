package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import dev.sift.modelops.onnx.LayerSelectionException.Reason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps a chosen subset of an encoder's transformer layers and removes the others: a shallower student that starts
 * from the teacher's own weights. Each kept layer reads the output of the kept layer below it (the first one reads the
 * embeddings), the top kept layer writes the graph's token states under their original name, and the dropped layers'
 * nodes and initializers are gone. Layers are found by {@link TransformerLayers}; the graph keeps only its token-state
 * output, the one every Sift graph reads (pooling is appended later, by {@link SentenceEmbeddingGraph}).
 */
public final class LayerTruncation {

    private LayerTruncation() {
    }

    /**
     * @param encoder an encoder graph; not modified
     * @param selection the layers to keep
     * @return a new graph with only those layers
     * @throws LayerSelectionException when the layers cannot be found, or a chosen layer does not exist
     */
    public static OnnxGraph keep(OnnxGraph encoder, LayerSelection selection) {
        OnnxGraph graph = encoder.copy();
        String tokenStates = SentenceEmbeddingGraph.tokenStates(graph);
        graph.keepOutputs(List.of(tokenStates));
        TransformerLayers layers = TransformerLayers.of(graph);
        selection.checkWithin(layers.count());

        // Each reader is redirected once, not transitively: with 0,2,4 layer 2's input becomes layer 0's output,
        // which must not in turn become the embeddings.
        Map<String, String> rewired = new HashMap<>();
        String below = layers.inputOf(0);
        for (int layer : selection.layers()) {
            if (!layers.inputOf(layer).equals(below)) {
                rewired.put(layers.inputOf(layer), below);
            }
            below = layers.outputOf(layer);
        }
        String top = below;
        boolean topMoves = !top.equals(tokenStates);
        // The original producer of the token states keeps computing under another name until dead-code removal.
        String displaced = graph.uniqueName("sift_dropped/" + tokenStates);
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            NodeProto.Builder rewritten = node.toBuilder();
            for (int i = 0; i < node.getInputCount(); i++) {
                String input = rewired.getOrDefault(node.getInput(i), node.getInput(i));
                rewritten.setInput(i, topMoves && input.equals(top) ? tokenStates : input);
            }
            for (int i = 0; topMoves && i < node.getOutputCount(); i++) {
                if (node.getOutput(i).equals(tokenStates)) {
                    rewritten.setOutput(i, displaced);
                } else if (node.getOutput(i).equals(top)) {
                    rewritten.setOutput(i, tokenStates);
                }
            }
            nodes.add(rewritten.build());
        }
        graph.replaceNodes(nodes, "keeping layers " + selection + " of " + layers.count());

        long softmaxes = graph.nodes().stream().filter(n -> n.getOpType().equals("Softmax")).count();
        if (softmaxes != selection.size()) {
            throw new LayerSelectionException(Reason.DROPPED_LAYER_STILL_READ, "keeping layers " + selection
                    + " left " + softmaxes + " attention softmaxes, not " + selection.size()
                    + ": a kept layer reads tensors of a dropped one");
        }
        return graph;
    }
}
