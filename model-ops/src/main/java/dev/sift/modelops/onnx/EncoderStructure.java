package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the structure of a transformer encoder by graph pattern, not by tensor names (exports name things
 * differently): feed-forward blocks (a weight MatMul, an element-wise activation chain, a second weight MatMul) and
 * the normalization that closes each block, either {@code LayerNormalization}, its decomposed form
 * (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add; or with Mul and Reciprocal in place of Pow and Div), or
 * MobileBERT's NoNorm (Mul, Add).
 */
public final class EncoderStructure {

    private static final Set<String> NONLINEAR_OPS = Set.of("Relu", "Gelu", "FastGelu", "BiasGelu", "Erf",
            "Sigmoid", "Tanh");
    private static final Set<String> ACTIVATION_OPS = Set.of("Relu", "Gelu", "FastGelu", "BiasGelu", "Erf", "Mul",
            "Div", "Add", "Sigmoid", "Tanh", "Pow", "Sub", "Cast");

    private final OnnxGraph graph;
    private final Map<String, NodeProto> producers;
    private final Map<String, List<NodeProto>> consumers;
    private final Set<String> initializers;

    /**
     * @param graph the encoder graph
     */
    public EncoderStructure(OnnxGraph graph) {
        this.graph = graph;
        this.producers = graph.producers();
        this.consumers = graph.consumers();
        this.initializers = new HashSet<>(graph.initializers().keySet());
    }

    /**
     * A feed-forward block: {@code x · W1 (+ b1) -> activation -> · W2 (+ b2)}, whose intermediate channels are the
     * columns of {@code W1} and rows of {@code W2}.
     *
     * @param up the first MatMul
     * @param upWeight name of {@code W1} {@code [hidden, intermediate]}
     * @param upBias name of {@code b1}, or null
     * @param intermediate the activation output (what profiling measures)
     * @param down the second MatMul
     * @param downWeight name of {@code W2} {@code [intermediate, hidden]}
     * @param downBias name of {@code b2}, or null
     * @param output the block's output after {@code b2}
     */
    public record FeedForward(NodeProto up, String upWeight, String upBias, String intermediate, NodeProto down,
            String downWeight, String downBias, String output) {
    }

    /** @return the feed-forward blocks, in graph order */
    public List<FeedForward> feedForwardBlocks() {
        List<FeedForward> blocks = new ArrayList<>();
        for (NodeProto down : graph.nodes()) {
            if (!down.getOpType().equals("MatMul") || !initializers.contains(down.getInput(1))) {
                continue;
            }
            Optional<NodeProto> up = upProjection(down.getInput(0));
            if (up.isEmpty()) {
                continue;
            }
            NodeProto upNode = up.get();
            String upBias = biasAfter(upNode);
            long[] w1 = Tensors.dims(graph.initializers().get(upNode.getInput(1)));
            long[] w2 = Tensors.dims(graph.initializers().get(down.getInput(1)));
            if (w1.length != 2 || w2.length != 2 || w1[1] != w2[0] || w1[1] <= w1[0]) {
                continue;
            }
            String downBias = biasAfter(down);
            String output = downBias == null ? down.getOutput(0) : biasNode(down).orElseThrow().getOutput(0);
            blocks.add(new FeedForward(upNode, upNode.getInput(1), upBias, down.getInput(0), down,
                    down.getInput(1), downBias, output));
        }
        return blocks;
    }

    /**
     * Walks back from the second MatMul's input through element-wise ops. It is a feed-forward block when every
     * path leads to one and the same weight MatMul (plus bias) and the ops include a nonlinearity: a residual
     * connection or a normalization would lead to two sources, or have no nonlinearity.
     */
    private Optional<NodeProto> upProjection(String activationOutput) {
        Deque<String> todo = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        Set<NodeProto> sources = new HashSet<>();
        todo.add(activationOutput);
        boolean nonlinear = false;
        while (!todo.isEmpty()) {
            String tensor = todo.pop();
            if (!seen.add(tensor) || seen.size() > 24) {
                if (seen.size() > 24) {
                    return Optional.empty();
                }
                continue;
            }
            NodeProto node = producers.get(tensor);
            if (node == null) {
                return Optional.empty();
            }
            if (node.getOpType().equals("MatMul") && initializers.contains(node.getInput(1))) {
                sources.add(node);
                continue;
            }
            if (node.getOpType().equals("Add") && isBiasAdd(node)) {
                NodeProto matmul = producers.get(nonInitializerInput(node));
                if (matmul != null && matmul.getOpType().equals("MatMul") && initializers.contains(matmul.getInput(1))) {
                    sources.add(matmul);
                    continue;
                }
            }
            if (!ACTIVATION_OPS.contains(node.getOpType())) {
                return Optional.empty();
            }
            nonlinear |= NONLINEAR_OPS.contains(node.getOpType());
            for (String input : node.getInputList()) {
                if (!initializers.contains(input) && !isConstant(input)) {
                    todo.add(input);
                }
            }
        }
        return nonlinear && sources.size() == 1 ? sources.stream().findFirst() : Optional.empty();
    }

    private boolean isBiasAdd(NodeProto add) {
        return add.getInputCount() == 2 && (initializers.contains(add.getInput(0)) || initializers.contains(add.getInput(1)));
    }

    private String nonInitializerInput(NodeProto node) {
        return initializers.contains(node.getInput(0)) ? node.getInput(1) : node.getInput(0);
    }

    private boolean isConstant(String tensor) {
        NodeProto node = producers.get(tensor);
        return node != null && node.getOpType().equals("Constant");
    }

    private Optional<NodeProto> biasNode(NodeProto matmul) {
        List<NodeProto> next = consumers.getOrDefault(matmul.getOutput(0), List.of());
        if (next.size() == 1 && next.get(0).getOpType().equals("Add") && isBiasAdd(next.get(0))) {
            return Optional.of(next.get(0));
        }
        return Optional.empty();
    }

    private String biasAfter(NodeProto matmul) {
        return biasNode(matmul).map(add -> initializers.contains(add.getInput(0)) ? add.getInput(0) : add.getInput(1))
                .orElse(null);
    }

    /** Kinds of normalization found after a residual connection. */
    public enum NormKind {
        /** A {@code LayerNormalization} node. */
        LAYER_NORM,
        /** LayerNorm decomposed into elementary ops (older exports). */
        DECOMPOSED_LAYER_NORM,
        /** MobileBERT's NoNorm: an element-wise scale and shift. */
        NO_NORM
    }

    /**
     * A normalization closing a block.
     *
     * @param kind which kind
     * @param output its output tensor
     */
    public record Normalization(NormKind kind, String output) {
    }

    /**
     * The normalization that follows a block's residual connection: the block output is added to the block input,
     * then normalized.
     *
     * @param blockOutput a feed-forward block's output
     * @return the normalization, if the pattern matches
     */
    public Optional<Normalization> normalizedAfter(String blockOutput) {
        for (NodeProto residual : consumers.getOrDefault(blockOutput, List.of())) {
            if (!residual.getOpType().equals("Add") || isBiasAdd(residual)) {
                continue;
            }
            Optional<Normalization> norm = normalization(residual.getOutput(0));
            if (norm.isPresent()) {
                return norm;
            }
        }
        return Optional.empty();
    }

    private Optional<Normalization> normalization(String x) {
        List<NodeProto> next = consumers.getOrDefault(x, List.of());
        for (NodeProto node : next) {
            if (node.getOpType().equals("LayerNormalization")) {
                return Optional.of(new Normalization(NormKind.LAYER_NORM, node.getOutput(0)));
            }
        }
        // Decomposed LayerNorm: Sub(x, ReduceMean(x)) -> ... -> Div -> Mul(gamma) -> Add(beta).
        for (NodeProto sub : next) {
            if (!sub.getOpType().equals("Sub") || !sub.getInput(0).equals(x)) {
                continue;
            }
            NodeProto mean = producers.get(sub.getInput(1));
            if (mean == null || !mean.getOpType().equals("ReduceMean")) {
                continue;
            }
            for (NodeProto div : consumers.getOrDefault(sub.getOutput(0), List.of())) {
                if (dividesByStandardDeviation(div)) {
                    Optional<NodeProto> scale = single(div.getOutput(0), "Mul");
                    Optional<NodeProto> shift = scale.flatMap(m -> single(m.getOutput(0), "Add"));
                    if (shift.isPresent()) {
                        return Optional.of(new Normalization(NormKind.DECOMPOSED_LAYER_NORM,
                                shift.get().getOutput(0)));
                    }
                }
            }
        }
        // NoNorm (MobileBERT): Mul(gamma) -> Add(beta), both with initializers.
        for (NodeProto mul : next) {
            if (mul.getOpType().equals("Mul") && isBiasAdd(mul)) {
                Optional<NodeProto> add = single(mul.getOutput(0), "Add");
                if (add.isPresent() && isBiasAdd(add.get())) {
                    return Optional.of(new Normalization(NormKind.NO_NORM, add.get().getOutput(0)));
                }
            }
        }
        return Optional.empty();
    }

    /** A Div, or a Mul by a Reciprocal: how LayerNormRewriter writes the division so ONNX Runtime does not fuse it. */
    private boolean dividesByStandardDeviation(NodeProto node) {
        if (node.getOpType().equals("Div")) {
            return true;
        }
        NodeProto reciprocal = node.getInputCount() == 2 ? producers.get(node.getInput(1)) : null;
        return node.getOpType().equals("Mul") && reciprocal != null && reciprocal.getOpType().equals("Reciprocal");
    }

    private Optional<NodeProto> single(String tensor, String op) {
        List<NodeProto> next = consumers.getOrDefault(tensor, List.of());
        return next.size() == 1 && next.get(0).getOpType().equals(op) ? Optional.of(next.get(0)) : Optional.empty();
    }

    /**
     * Outputs of the transformer layers of a BERT-style (post-LayerNorm) encoder, first to last: the LayerNorm that
     * closes each feed-forward block. When weight MatMuls were quantized away (MatMulInteger), the layers are found
     * from the LayerNorms alone: embeddings, then (attention, feed-forward) per layer.
     *
     * @return the layer outputs
     * @throws IllegalArgumentException when the encoder is not of that shape (e.g. MobileBERT's NoNorm blocks)
     */
    public List<String> layerOutputs() {
        List<FeedForward> blocks = feedForwardBlocks();
        List<String> outputs = new ArrayList<>();
        for (FeedForward block : blocks) {
            Normalization norm = normalizedAfter(block.output()).orElseThrow(() -> new IllegalArgumentException(
                    "feed-forward block at " + block.down().getName() + " is not closed by a normalization"));
            if (norm.kind() == NormKind.NO_NORM) {
                throw new IllegalArgumentException("not a BERT-style encoder: its feed-forward blocks end in NoNorm"
                        + " (MobileBERT stacks several per layer)");
            }
            outputs.add(norm.output());
        }
        if (!outputs.isEmpty()) {
            return outputs;
        }
        List<String> norms = layerNorms();
        if (norms.size() < 3 || norms.size() % 2 == 0) {
            throw new IllegalArgumentException("no transformer layers found: " + norms.size() + " LayerNorms and no"
                    + " feed-forward blocks");
        }
        for (int i = 2; i < norms.size(); i += 2) {
            outputs.add(norms.get(i));
        }
        return outputs;
    }

    /** @return outputs of every LayerNorm (fused or decomposed), in graph order */
    public List<String> layerNorms() {
        List<String> out = new ArrayList<>();
        for (NodeProto node : graph.nodes()) {
            if (node.getOpType().equals("LayerNormalization")) {
                out.add(node.getOutput(0));
            } else if (node.getOpType().equals("ReduceMean")) {
                String x = node.getInput(0);
                boolean anchors = consumers.getOrDefault(node.getOutput(0), List.of()).stream()
                        .anyMatch(sub -> sub.getOpType().equals("Sub") && sub.getInput(0).equals(x));
                if (anchors) {
                    normalization(x).filter(n -> n.kind() == NormKind.DECOMPOSED_LAYER_NORM)
                            .ifPresent(n -> out.add(n.output()));
                }
            }
        }
        return out;
    }
}
