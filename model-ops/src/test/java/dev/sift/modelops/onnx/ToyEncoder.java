package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Hand-written encoder-shaped graphs (opset 17): {@code input_ids} through an embedding lookup, then layers of
 * self-attention (one {@code Softmax} over {@code x·xᵀ}) with a residual connection, for the layer-structure checks.
 */
final class ToyEncoder {

    private static final int WIDTH = 4;

    final OnnxGraph graph;
    final GraphOps ops;
    /** The attention probabilities of the last layer built. */
    String lastProbs;
    /** When set, the next layers' attention scores are reshaped to this tensor's shape, read through a Shape. */
    String scoresShapedLike;
    private int weights;

    private ToyEncoder() {
        TypeProto ids = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.INT64_VALUE).setShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                        .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("seq")))).build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(GraphProto.newBuilder().setName("toy")
                        .addInput(ValueInfoProto.newBuilder().setName(EmbeddingLookup.INPUT_IDS).setType(ids)))
                .build();
        this.graph = OnnxGraph.of(model);
        this.ops = new GraphOps(graph, "");
    }

    /** @return a graph whose word embeddings are the only tensor so far; see {@link #embeddings()} */
    static ToyEncoder start() {
        return new ToyEncoder();
    }

    /** @return the normalized word embeddings of the token ids */
    String embeddings() {
        String table = weight("word_embeddings", 10, WIDTH);
        return norm(ops.op("Gather", "embedded", List.of(table, EmbeddingLookup.INPUT_IDS)));
    }

    /** @return the attention context of {@code x} over itself, through {@code softmaxes} parallel softmaxes */
    String attention(String x, int softmaxes) {
        String transposed = ops.op("Transpose", "keys", List.of(x), Nodes.intsAttr("perm", 0, 2, 1));
        String scores = ops.op("MatMul", "scores", List.of(x, transposed));
        if (scoresShapedLike != null) {
            String shape = ops.op("Shape", "shape", List.of(scoresShapedLike));
            scores = ops.op("Reshape", "reshaped", List.of(scores, shape));
        }
        String context = null;
        for (int i = 0; i < softmaxes; i++) {
            String probs = ops.op("Softmax", "probs", List.of(scores), Nodes.intAttr("axis", -1));
            lastProbs = probs;
            String head = ops.op("MatMul", "context", List.of(probs, x));
            context = context == null ? head : ops.op("Add", "heads", List.of(context, head));
        }
        return ops.op("MatMul", "projected", List.of(context, weight("projection", WIDTH, WIDTH)));
    }

    /** @return a post-LN layer: LayerNorm(x + attention(x)) */
    String postNormLayer(String x, int softmaxes) {
        return norm(ops.op("Add", "residual", List.of(x, attention(x, softmaxes))));
    }

    /** @return a pre-LN layer: x + attention(LayerNorm(x)) */
    String preNormLayer(String x) {
        return ops.op("Add", "residual", List.of(x, attention(norm(x), 1)));
    }

    /** @return LayerNormalization of {@code x} with its own scale and shift */
    String norm(String x) {
        return ops.op("LayerNormalization", "norm", List.of(x, weight("gamma", WIDTH), weight("beta", WIDTH)),
                Nodes.intAttr("axis", -1));
    }

    /** Makes {@code states} the graph's only output, {@code [batch, seq, 4]}. */
    OnnxGraph output(String states) {
        graph.setFloatOutputs(Map.of(states, new long[] {-1, -1, WIDTH}),
                Map.of(states, new String[] {"batch", "seq", null}));
        graph.removeDeadCode();
        graph.checkOrThrow("toy encoder");
        return graph;
    }

    /** @return a post-LN encoder of {@code layers} layers with one softmax each */
    static OnnxGraph postNorm(int layers) {
        ToyEncoder toy = start();
        String x = toy.embeddings();
        for (int i = 0; i < layers; i++) {
            x = toy.postNormLayer(x, 1);
        }
        return toy.output(x);
    }

    private String weight(String name, long... dims) {
        float[] values = new float[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < values.length; i++) {
            values[i] = 0.1f * ((i * 7 + weights) % 11) - 0.5f;
        }
        weights++;
        return ops.floats(name, dims, values);
    }
}
