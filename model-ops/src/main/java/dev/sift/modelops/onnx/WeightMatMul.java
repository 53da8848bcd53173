package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.List;
import java.util.Optional;

/**
 * A weight MatMul: {@code MatMul(x, W)} whose second input {@code W} is an initializer, the form every linear layer
 * of an exported encoder takes (Gemm layers aside). What the quantizer quantizes, the smoother rescales and the
 * feed-forward blocks are made of.
 *
 * @param node the MatMul node
 * @param weight its weight initializer
 */
public record WeightMatMul(NodeProto node, TensorProto weight) {

    /**
     * @param index a graph's index
     * @param node any node of that graph
     * @return the weight MatMul, when the node is one
     */
    public static Optional<WeightMatMul> of(GraphIndex index, NodeProto node) {
        if (!node.getOpType().equals("MatMul") || node.getInputCount() != 2) {
            return Optional.empty();
        }
        return index.initializer(node.getInput(1)).map(w -> new WeightMatMul(node, w));
    }

    /**
     * @param index a graph's index
     * @return every weight MatMul of the graph, in graph order
     */
    public static List<WeightMatMul> all(GraphIndex index) {
        return index.nodes().stream().flatMap(n -> of(index, n).stream()).toList();
    }

    /** @return the node's name */
    public String name() {
        return node.getName();
    }

    /** @return the activation it multiplies, {@code x} */
    public String input() {
        return node.getInput(0);
    }

    /** @return the weight's name */
    public String weightName() {
        return node.getInput(1);
    }

    /** @return the product */
    public String output() {
        return node.getOutput(0);
    }

    /** @return whether the weight is a matrix {@code [in, out]} */
    public boolean isMatrix() {
        return weight.getDimsCount() == 2;
    }

    /** @return whether the weight is an FP32 matrix {@code [in, out]}: one the optimizers can rewrite */
    public boolean isFloatMatrix() {
        return isMatrix() && weight.getDataType() == TensorProto.DataType.FLOAT_VALUE;
    }
}
