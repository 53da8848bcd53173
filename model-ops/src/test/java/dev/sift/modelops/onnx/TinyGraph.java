package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Small hand-written graphs (opset 17, one float input {@code x [.., width]}) for pattern tests. */
public final class TinyGraph {

    public final OnnxGraph graph;
    public final GraphOps ops;

    private TinyGraph(OnnxGraph graph) {
        this.graph = graph;
        this.ops = new GraphOps(graph, "");
    }

    /** @return a graph with the float input {@code x} and nothing else */
    public static TinyGraph withInputX() {
        ValueInfoProto x = ValueInfoProto.newBuilder().setName("x").setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))).build();
        ModelProto model = ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                .setGraph(GraphProto.newBuilder().setName("tiny").addInput(x)).build();
        return new TinyGraph(OnnxGraph.of(model));
    }

    /** @return the name of a new float initializer of that shape, filled with 0.5 */
    public String weight(String name, long... dims) {
        float[] values = new float[(int) Arrays.stream(dims).reduce(1, (a, b) -> a * b)];
        Arrays.fill(values, 0.5f);
        return ops.floats(name, dims, values);
    }

    /**
     * The exported form of a layer norm over the last axis: ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, then
     * Mul by gamma and Add of beta.
     *
     * @param x input
     * @param exponent the Pow's exponent (2 in a layer norm)
     * @return the output
     */
    public String exportedLayerNorm(String x, float exponent) {
        String mean = ops.op("ReduceMean", "mean", List.of(x), Nodes.intsAttr("axes", -1));
        String d = ops.op("Sub", "centered", List.of(x, mean));
        String square = ops.op("Pow", "square", List.of(d, ops.floats("two", new long[0], new float[] {exponent})));
        String variance = ops.op("ReduceMean", "variance", List.of(square), Nodes.intsAttr("axes", -1));
        String plusEpsilon = ops.op("Add", "plus_epsilon", List.of(variance, weight("epsilon")));
        String sigma = ops.op("Sqrt", "sigma", List.of(plusEpsilon));
        String normalized = ops.op("Div", "normalized", List.of(d, sigma));
        String scaled = ops.op("Mul", "scaled", List.of(normalized, weight("gamma", 4)));
        return ops.op("Add", "shifted", List.of(scaled, weight("beta", 4)));
    }

    /** Makes the tensors the graph's outputs (rank 2) and drops what they do not need. */
    public OnnxGraph outputs(String... tensors) {
        Map<String, long[]> outputs = new java.util.LinkedHashMap<>();
        for (String t : tensors) {
            outputs.put(t, new long[] {-1, -1});
        }
        graph.setFloatOutputs(outputs, Map.of());
        graph.removeDeadCode();
        return graph;
    }
}
