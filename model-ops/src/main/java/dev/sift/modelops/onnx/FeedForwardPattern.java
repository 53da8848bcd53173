package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds feed-forward blocks by structure, not by tensor names: a weight MatMul whose input comes, through
 * element-wise ops that include a nonlinearity, from one other weight MatMul (plus bias) that widens the hidden
 * size.
 */
public final class FeedForwardPattern {

    /** Longest activation chain walked back before giving up. */
    private static final int MAX_ACTIVATION_TENSORS = 24;
    private static final Set<String> NONLINEAR_OPS = Set.of("Relu", "Gelu", "FastGelu", "BiasGelu", "Erf",
            "Sigmoid", "Tanh");
    private static final Set<String> ACTIVATION_OPS = Set.of("Relu", "Gelu", "FastGelu", "BiasGelu", "Erf", "Mul",
            "Div", "Add", "Sigmoid", "Tanh", "Pow", "Sub", "Cast");

    private FeedForwardPattern() {
    }

    /**
     * @param index a graph's index
     * @return its feed-forward blocks, in graph order of their second MatMul
     */
    public static List<FeedForwardBlock> all(GraphIndex index) {
        List<FeedForwardBlock> blocks = new ArrayList<>();
        for (WeightMatMul down : WeightMatMul.all(index)) {
            Optional<WeightMatMul> up = upProjection(index, down.input());
            if (up.isPresent() && widensThenNarrows(up.get(), down)) {
                blocks.add(new FeedForwardBlock(LinearLayer.of(index, up.get()), down.input(),
                        LinearLayer.of(index, down)));
            }
        }
        return blocks;
    }

    /** {@code W1 [hidden, intermediate]}, {@code W2 [intermediate, ...]}, intermediate wider than hidden. */
    private static boolean widensThenNarrows(WeightMatMul up, WeightMatMul down) {
        long[] w1 = Tensors.dims(up.weight());
        long[] w2 = Tensors.dims(down.weight());
        return w1.length == 2 && w2.length == 2 && w1[1] == w2[0] && w1[1] > w1[0];
    }

    /**
     * Walks back from the second MatMul's input through element-wise ops. It is a feed-forward block when every
     * path leads to one and the same weight MatMul (plus bias) and the ops include a nonlinearity: a residual
     * connection or a normalization would lead to two sources, or have no nonlinearity.
     */
    private static Optional<WeightMatMul> upProjection(GraphIndex index, String activationOutput) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        Set<WeightMatMul> sources = new HashSet<>();
        todo.add(activationOutput);
        boolean nonlinear = false;
        while (!todo.isEmpty()) {
            String tensor = todo.pop();
            if (!seen.add(tensor)) {
                continue;
            }
            if (seen.size() > MAX_ACTIVATION_TENSORS) {
                return Optional.empty();
            }
            NodeProto node = index.producer(tensor).orElse(null);
            if (node == null) {
                return Optional.empty();
            }
            Optional<WeightMatMul> source = LinearLayer.endingIn(index, tensor);
            if (source.isPresent()) {
                sources.add(source.get());
                continue;
            }
            if (!ACTIVATION_OPS.contains(node.getOpType())) {
                return Optional.empty();
            }
            nonlinear |= NONLINEAR_OPS.contains(node.getOpType());
            for (String input : node.getInputList()) {
                if (!index.isInitializer(input) && index.producedBy(input, "Constant").isEmpty()) {
                    todo.add(input);
                }
            }
        }
        return nonlinear && sources.size() == 1 ? sources.stream().findFirst() : Optional.empty();
    }
}
