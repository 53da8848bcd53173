package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An embedding lookup: {@code Gather(table, indices)} on axis 0 of a matrix initializer, in FP32 or, once the
 * quantizer has been through, as an 8-bit table followed by the {@code DequantizeLinear} that reads the lookup.
 * BERT-family encoders have three: the word table (indices: the {@code input_ids} input), the position table and the
 * token-type table.
 *
 * @param gather the Gather node
 * @param table the table initializer
 * @param dequantize the DequantizeLinear that reads the lookup with the table's scale and zero point, if any
 */
public record EmbeddingLookup(NodeProto gather, TensorProto table, Optional<NodeProto> dequantize) {

    /** The graph input holding the token ids, as the runtime names it. */
    public static final String INPUT_IDS = "input_ids";

    /**
     * @param index a graph's index
     * @param node any node of that graph
     * @return the lookup, when the node is a Gather on axis 0 of a matrix initializer
     */
    public static Optional<EmbeddingLookup> of(GraphIndex index, NodeProto node) {
        if (!node.getOpType().equals("Gather") || node.getInputCount() != 2
                || Nodes.intAttribute(node, "axis", 0) != 0) {
            return Optional.empty();
        }
        return index.initializer(node.getInput(0)).filter(t -> t.getDimsCount() == 2).map(table -> {
            Optional<NodeProto> dequantize = index.consumers(node.getOutput(0)).stream()
                    .filter(n -> n.getOpType().equals("DequantizeLinear") && n.getInput(0).equals(node.getOutput(0)))
                    .findFirst();
            return new EmbeddingLookup(node, table, dequantize);
        });
    }

    /**
     * @param index a graph's index
     * @return every embedding lookup of the graph, in graph order
     */
    public static List<EmbeddingLookup> all(GraphIndex index) {
        return index.nodes().stream().flatMap(n -> of(index, n).stream()).toList();
    }

    /**
     * The word-embedding lookup: the one whose indices are the token ids the tokenizer writes.
     *
     * @param index a graph's index
     * @return the lookup, when the graph reads {@link #INPUT_IDS} through exactly one embedding lookup
     */
    public static Optional<EmbeddingLookup> words(GraphIndex index) {
        List<EmbeddingLookup> lookups = all(index).stream()
                .filter(l -> l.gather().getInput(1).equals(INPUT_IDS)).toList();
        return lookups.size() == 1 ? Optional.of(lookups.get(0)) : Optional.empty();
    }

    /** @return the table's name */
    public String tableName() {
        return table.getName();
    }

    /** @return rows of the table: the vocabulary size for the word table */
    public long rows() {
        return table.getDims(0);
    }

    /** @return the width of one row */
    public long width() {
        return table.getDims(1);
    }

    /**
     * @param index the index this lookup was found in
     * @return the initializers this lookup reads: the table, and the scale and zero point of its dequantization
     */
    public List<String> initializerNames(GraphIndex index) {
        List<String> names = new ArrayList<>(List.of(tableName()));
        dequantize.ifPresent(d -> d.getInputList().stream().skip(1).filter(index::isInitializer).forEach(names::add));
        return names;
    }
}
