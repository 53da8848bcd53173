package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the structure of a transformer encoder by graph pattern, not by tensor names (exports name things
 * differently): its feed-forward blocks ({@link FeedForwardPattern}), the normalization that closes each block,
 * either {@code LayerNormalization}, its decomposed form ({@link LayerNormPattern}) or MobileBERT's NoNorm (Mul, Add),
 * and from those its layers.
 */
public final class EncoderStructure {

    private final GraphIndex index;

    /**
     * @param graph the encoder graph
     */
    public EncoderStructure(OnnxGraph graph) {
        this.index = graph.index();
    }

    /** @return the feed-forward blocks, in graph order */
    public List<FeedForwardBlock> feedForwardBlocks() {
        return FeedForwardPattern.all(index);
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
        for (NodeProto residual : index.consumers(blockOutput)) {
            if (!residual.getOpType().equals("Add") || index.hasInitializerOperand(residual)) {
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
        List<NodeProto> next = index.consumers(x);
        for (NodeProto node : next) {
            if (node.getOpType().equals("LayerNormalization")) {
                return Optional.of(new Normalization(NormKind.LAYER_NORM, node.getOutput(0)));
            }
        }
        Optional<LayerNormMatch> decomposed = LayerNormPattern.reading(index, x).filter(LayerNormMatch::hasAffine);
        if (decomposed.isPresent()) {
            return Optional.of(new Normalization(NormKind.DECOMPOSED_LAYER_NORM, decomposed.get().output()));
        }
        // NoNorm (MobileBERT): Mul(gamma) -> Add(beta), both with initializers.
        for (NodeProto mul : next) {
            if (mul.getOpType().equals("Mul") && index.hasInitializerOperand(mul)) {
                Optional<NodeProto> add = index.onlyConsumer(mul.getOutput(0), "Add")
                        .filter(index::hasInitializerOperand);
                if (add.isPresent()) {
                    return Optional.of(new Normalization(NormKind.NO_NORM, add.get().getOutput(0)));
                }
            }
        }
        return Optional.empty();
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
        List<FeedForwardBlock> blocks = feedForwardBlocks();
        List<String> outputs = new ArrayList<>();
        for (FeedForwardBlock block : blocks) {
            Normalization norm = normalizedAfter(block.output()).orElseThrow(() -> new IllegalArgumentException(
                    "feed-forward block at " + block.down().matmul().name() + " is not closed by a normalization"));
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
        for (NodeProto node : index.nodes()) {
            if (node.getOpType().equals("LayerNormalization")) {
                out.add(node.getOutput(0));
            } else {
                LayerNormPattern.startingAt(index, node).filter(LayerNormMatch::hasAffine)
                        .ifPresent(m -> out.add(m.output()));
            }
        }
        return out;
    }
}
