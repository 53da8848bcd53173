package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The projection of a factorized word-embedding table: the weight MatMul that is the only reader of the word lookup,
 * {@code MatMul(Gather(A, input_ids), B)}, so that the table and the projection together hold the word embeddings.
 * Found in FP32 and after the quantizer's rewrite, where the lookup is dequantized and the MatMul has become
 * {@code DynamicQuantizeLinear} + {@code MatMulInteger} with the weight's scale multiplied in by a {@code Mul}.
 *
 * @param weights the projection's initializers: {@code B}, or its quantized values, zero points and scales
 */
public record WordProjection(List<String> weights) {

    /**
     * @param index a graph's index
     * @param words the graph's word lookup
     * @return the projection, when the lookup's only reader is one
     */
    public static Optional<WordProjection> of(GraphIndex index, EmbeddingLookup words) {
        String rows = words.dequantize().map(d -> d.getOutput(0)).orElse(words.gather().getOutput(0));
        List<NodeProto> readers = index.consumers(rows);
        if (readers.size() != 1) {
            return Optional.empty();
        }
        NodeProto reader = readers.get(0);
        Optional<WeightMatMul> matmul = WeightMatMul.of(index, reader).filter(m -> m.input().equals(rows));
        if (matmul.isPresent()) {
            return Optional.of(new WordProjection(List.of(matmul.get().weightName())));
        }
        return reader.getOpType().equals("DynamicQuantizeLinear") ? quantized(index, reader) : Optional.empty();
    }

    /** {@code MatMulInteger(x_q, B_q, x_zero, B_zero)} and {@code Mul(x_scale, B_scale)} after the quantizer. */
    private static Optional<WordProjection> quantized(GraphIndex index, NodeProto quantize) {
        List<NodeProto> products = index.consumers(quantize.getOutput(0));
        if (products.size() != 1 || !products.get(0).getOpType().equals("MatMulInteger")) {
            return Optional.empty();
        }
        NodeProto product = products.get(0);
        List<String> weights = new ArrayList<>();
        for (int input : new int[] {1, 3}) {
            if (product.getInputCount() > input && index.isInitializer(product.getInput(input))) {
                weights.add(product.getInput(input));
            }
        }
        if (weights.isEmpty()) {
            return Optional.empty();
        }
        index.consumers(quantize.getOutput(1)).stream().filter(n -> n.getOpType().equals("Mul"))
                .flatMap(n -> n.getInputList().stream()).filter(index::isInitializer).forEach(weights::add);
        return Optional.of(new WordProjection(List.copyOf(weights)));
    }
}
