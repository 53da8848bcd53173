package dev.sift.modelops.onnx;

import java.util.List;
import java.util.Map;

/**
 * Turns an encoder graph (output {@code [batch, seq, hidden]}) into a sentence-embedding graph (output
 * {@value #OUTPUT} {@code [batch, hidden]}): pooling under the attention mask, then L2 normalization, inside the
 * graph. Features for training heads come from this graph, and the heads are fused onto it, so training and
 * serving compute the same features with the same operators.
 */
public final class SentenceEmbeddingGraph {

    /** Name of the pooled, normalized output. */
    public static final String OUTPUT = "sentence_embedding";

    private SentenceEmbeddingGraph() {
    }

    /**
     * The encoder's token-state output: the graph output of rank 3, preferring {@code last_hidden_state}.
     *
     * @param graph an encoder graph
     * @return the output name
     * @throws IllegalArgumentException when the graph has no such output
     */
    public static String tokenStates(OnnxGraph graph) {
        return graph.outputs().stream()
                .filter(o -> o.getType().getTensorType().getShape().getDimCount() == 3)
                .map(o -> o.getName())
                .sorted((a, b) -> Boolean.compare(!a.equals("last_hidden_state"), !b.equals("last_hidden_state")))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an encoder graph: no output [batch, seq, hidden]"
                        + " (outputs: " + graph.outputs().stream().map(o -> o.getName()).toList() + ")"));
    }

    /**
     * Hidden size of the encoder.
     *
     * @param graph an encoder graph
     * @return the last dimension of its token states
     */
    public static int hiddenSize(OnnxGraph graph) {
        long[] shape = graph.declaredShape(tokenStates(graph)).orElseThrow();
        if (shape[2] > 0) {
            return (int) shape[2];
        }
        throw new IllegalArgumentException("the encoder's hidden size is not declared in its output shape");
    }

    /**
     * Appends pooling and normalization over the last layer, and makes {@value #OUTPUT} the only output.
     *
     * @param encoder an encoder graph; modified in place
     * @param pooling how to pool
     * @return the hidden size
     */
    public static int append(OnnxGraph encoder, Pooling pooling) {
        return append(encoder, pooling, 1);
    }

    /**
     * Appends pooling and normalization, and makes {@value #OUTPUT} the only output. With {@code layers > 1}, each
     * of the last layers is pooled and normalized, and the normalized average of them is the embedding: lower
     * layers keep lexical detail that intent classification uses.
     *
     * @param encoder an encoder graph; modified in place
     * @param pooling how to pool
     * @param layers how many of the last layers to average (1: the final output only)
     * @return the hidden size
     */
    public static int append(OnnxGraph encoder, Pooling pooling, int layers) {
        String finalStates = tokenStates(encoder);
        int hidden = hiddenSize(encoder);
        List<String> states = List.of(finalStates);
        if (layers > 1) {
            List<String> all = new EncoderStructure(encoder).layerOutputs();
            if (layers > all.size()) {
                throw new IllegalArgumentException("cannot average " + layers + " layers of a " + all.size()
                        + "-layer encoder");
            }
            states = all.subList(all.size() - layers, all.size());
            if (!states.get(states.size() - 1).equals(finalStates)) {
                throw new IllegalArgumentException("the last layer found (" + states.get(states.size() - 1)
                        + ") is not the encoder output " + finalStates);
            }
        }
        GraphOps ops = new GraphOps(encoder, "sift_pool/");
        String mask3 = null;
        if (pooling == Pooling.MEAN) {
            String mask = ops.op("Cast", "mask_float", List.of("attention_mask"),
                    Nodes.intAttr("to", ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT_VALUE));
            mask3 = ops.unsqueeze(mask, 2);
        }
        String sum = null;
        for (String layer : states) {
            String pooled = pool(encoder, ops, pooling, layer, mask3);
            String normalized = states.size() == 1 ? pooled : normalize(ops, pooled, null);
            sum = sum == null ? normalized : ops.op("Add", "layer_sum", List.of(sum, normalized));
        }
        normalize(ops, sum, OUTPUT);
        encoder.setFloatOutputs(Map.of(OUTPUT, new long[] {-1, hidden}), Map.of(OUTPUT, new String[] {"batch", null}));
        encoder.removeDeadCode();
        encoder.checkOrThrow("adding pooling");
        return hidden;
    }

    private static String pool(OnnxGraph encoder, GraphOps ops, Pooling pooling, String states, String mask3) {
        return switch (pooling) {
            case MEAN -> {
                String masked = ops.op("Mul", "masked_states", List.of(states, mask3));
                String sum = ops.reduceSum(masked, 1, false);
                String count = ops.atLeast(ops.reduceSum(mask3, 1, false), 1e-9f);
                yield ops.op("Div", "mean", List.of(sum, count));
            }
            case CLS -> {
                // A scalar index removes the sequence axis: [batch, seq, hidden] -> [batch, hidden].
                String first = encoder.uniqueName("sift_pool/cls_index");
                encoder.putInitializer(Tensors.longs(first, new long[0], new long[] {0}));
                yield ops.op("Gather", "cls", List.of(states, first), Nodes.intAttr("axis", 1));
            }
        };
    }

    /** L2 normalization along the hidden axis; into {@code output} when given. */
    private static String normalize(GraphOps ops, String x, String output) {
        String norm = ops.atLeast(ops.reduceL2(x, 1, true), 1e-12f);
        return output == null ? ops.op("Div", "normalized", List.of(x, norm))
                : ops.opNamed("Div", output, List.of(x, norm));
    }
}
