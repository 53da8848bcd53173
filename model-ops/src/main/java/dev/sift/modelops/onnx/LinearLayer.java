package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Optional;

/**
 * A linear layer: a {@link WeightMatMul} and, when the MatMul's only reader adds an initializer to it, that bias.
 *
 * @param matmul the weight MatMul
 * @param biasAdd the {@code Add} of the bias, or null when the layer has none
 * @param bias the bias initializer's name, or null
 */
public record LinearLayer(WeightMatMul matmul, NodeProto biasAdd, String bias) {

    /**
     * @param index the graph's index
     * @param matmul one of its weight MatMuls
     * @return the layer it begins
     */
    public static LinearLayer of(GraphIndex index, WeightMatMul matmul) {
        Optional<NodeProto> add = index.onlyConsumer(matmul.output(), "Add").filter(index::hasInitializerOperand);
        return add.map(a -> new LinearLayer(matmul, a, index.initializerOperand(a)))
                .orElseGet(() -> new LinearLayer(matmul, null, null));
    }

    /**
     * A weight MatMul's output, or a bias added to one: what a linear layer can end in.
     *
     * @param index the graph's index
     * @param tensor a tensor name
     * @return the weight MatMul the tensor comes from
     */
    public static Optional<WeightMatMul> endingIn(GraphIndex index, String tensor) {
        Optional<NodeProto> node = index.producer(tensor);
        Optional<WeightMatMul> direct = node.flatMap(n -> WeightMatMul.of(index, n));
        if (direct.isPresent()) {
            return direct;
        }
        return node.filter(n -> n.getOpType().equals("Add") && index.hasInitializerOperand(n))
                .flatMap(add -> index.producer(index.otherOperand(add)))
                .flatMap(n -> WeightMatMul.of(index, n));
    }

    /** @return the layer's output: after the bias when there is one */
    public String output() {
        return biasAdd == null ? matmul.output() : biasAdd.getOutput(0);
    }
}
