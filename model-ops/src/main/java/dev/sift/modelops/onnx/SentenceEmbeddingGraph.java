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
     * Appends pooling and normalization, and makes {@value #OUTPUT} the only output.
     *
     * @param encoder an encoder graph; modified in place
     * @param pooling how to pool
     * @return the hidden size
     */
    public static int append(OnnxGraph encoder, Pooling pooling) {
        String states = tokenStates(encoder);
        int hidden = hiddenSize(encoder);
        GraphOps ops = new GraphOps(encoder, "sift_pool/");
        String pooled = switch (pooling) {
            case MEAN -> {
                String mask = ops.op("Cast", "mask_float", List.of("attention_mask"),
                        Nodes.intAttr("to", ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT_VALUE));
                String mask3 = ops.unsqueeze(mask, 2);
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
        String norm = ops.atLeast(ops.reduceL2(pooled, 1, true), 1e-12f);
        ops.opNamed("Div", OUTPUT, List.of(pooled, norm));
        encoder.setFloatOutputs(Map.of(OUTPUT, new long[] {-1, hidden}), Map.of(OUTPUT, new String[] {"batch", null}));
        encoder.removeDeadCode();
        encoder.checkOrThrow("adding pooling");
        return hidden;
    }
}
