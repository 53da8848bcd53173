package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import java.util.List;

/**
 * Appends common operators to a graph in the form its opset expects (axes moved from attributes to inputs in
 * opset 13 for Unsqueeze and ReduceSum, and in opset 18 for the other reductions). Each method returns the name of
 * the tensor it produced.
 */
public final class GraphOps {

    private final OnnxGraph graph;
    private final String prefix;
    private final long opset;

    /**
     * @param graph the graph to extend
     * @param prefix prefix of new node and tensor names
     */
    public GraphOps(OnnxGraph graph, String prefix) {
        this.graph = graph;
        this.prefix = prefix;
        this.opset = graph.opset();
    }

    /**
     * Appends a node with a fresh output name.
     *
     * @param op operator
     * @param name readable part of the name
     * @param inputs inputs
     * @param attributes attributes
     * @return the output tensor
     */
    public String op(String op, String name, List<String> inputs, AttributeProto... attributes) {
        String output = graph.uniqueName(prefix + name);
        graph.addNode(Nodes.node(op, output, inputs, List.of(output), attributes));
        return output;
    }

    /**
     * Appends a node with a chosen output name.
     *
     * @param op operator
     * @param output output tensor name (must be unused)
     * @param inputs inputs
     * @param attributes attributes
     * @return the output tensor
     */
    public String opNamed(String op, String output, List<String> inputs, AttributeProto... attributes) {
        graph.addNode(Nodes.node(op, graph.uniqueName(prefix + output + "_node"), inputs, List.of(output),
                attributes));
        return output;
    }

    /**
     * @param name readable part of the name
     * @param dims shape
     * @param values values
     * @return the initializer's name
     */
    public String floats(String name, long[] dims, float[] values) {
        String tensor = graph.uniqueName(prefix + name);
        graph.putInitializer(Tensors.floats(tensor, dims, values));
        return tensor;
    }

    /**
     * @param name readable part of the name
     * @param values 1-D int64 values
     * @return the initializer's name
     */
    public String longs(String name, long... values) {
        String tensor = graph.uniqueName(prefix + name);
        graph.putInitializer(Tensors.longs(tensor, new long[] {values.length}, values));
        return tensor;
    }

    /**
     * @param x input
     * @param axis axis to insert
     * @return the unsqueezed tensor
     */
    public String unsqueeze(String x, long axis) {
        if (opset >= 13) {
            return op("Unsqueeze", "unsqueeze", List.of(x, longs("axes", axis)));
        }
        return op("Unsqueeze", "unsqueeze", List.of(x), Nodes.intsAttr("axes", axis));
    }

    /**
     * @param x input
     * @param axis axis to sum over
     * @param keepDims whether to keep the reduced axis
     * @return the sum
     */
    public String reduceSum(String x, long axis, boolean keepDims) {
        AttributeProto keep = Nodes.intAttr("keepdims", keepDims ? 1 : 0);
        if (opset >= 13) {
            return op("ReduceSum", "reduce_sum", List.of(x, longs("axes", axis)), keep);
        }
        return op("ReduceSum", "reduce_sum", List.of(x), Nodes.intsAttr("axes", axis), keep);
    }

    /**
     * @param x input
     * @param axis axis to reduce
     * @param keepDims whether to keep the reduced axis
     * @return the L2 norm along the axis
     */
    public String reduceL2(String x, long axis, boolean keepDims) {
        AttributeProto keep = Nodes.intAttr("keepdims", keepDims ? 1 : 0);
        if (opset >= 18) {
            return op("ReduceL2", "reduce_l2", List.of(x, longs("axes", axis)), keep);
        }
        return op("ReduceL2", "reduce_l2", List.of(x), Nodes.intsAttr("axes", axis), keep);
    }

    /**
     * @param x input
     * @param floor smallest value kept
     * @return {@code max(x, floor)}
     */
    public String atLeast(String x, float floor) {
        return op("Max", "at_least", List.of(x, floats("floor", new long[0], new float[] {floor})));
    }

    /**
     * @param x input {@code [..., n]}
     * @param weights {@code [n, k]} row-major
     * @param bias {@code [k]}
     * @param n input width
     * @param k output width
     * @param name readable part of the names
     * @return {@code x · W + b}
     */
    public String linear(String x, float[] weights, float[] bias, int n, int k, String name) {
        String w = floats(name + "_weight", new long[] {n, k}, weights);
        String b = floats(name + "_bias", new long[] {k}, bias);
        String product = op("MatMul", name + "_matmul", List.of(x, w));
        return op("Add", name + "_logits", List.of(product, b));
    }
}
