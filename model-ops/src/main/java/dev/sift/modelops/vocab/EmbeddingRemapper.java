package dev.sift.modelops.vocab;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.sift.modelops.onnx.EmbeddingLookup;
import dev.sift.modelops.onnx.GraphIndex;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Tensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Cuts a graph's word-embedding table down to the kept tokens: row {@code i} of the new table is the row of the
 * token whose new id is {@code i}. The lookup node and every other weight stay as they are, so for a kept token the
 * graph computes exactly what it did. Works on an FP32 table and on an 8-bit one the quantizer wrote (its scale and
 * zero point are per table, so they still hold).
 *
 * <p>The graph is untrusted: one it cannot remap safely (token ids read by anything but the lookup and {@code Shape},
 * a table shared with another node, fewer rows than the vocabulary) is refused with a message saying why.
 */
public final class EmbeddingRemapper {

    private EmbeddingRemapper() {
    }

    /**
     * Replaces the word-embedding table in place.
     *
     * @param graph the graph (changed)
     * @param kept the kept tokens, chosen from the tokenizer the graph was exported with
     * @return the lookup as it was before the cut
     * @throws IllegalArgumentException when the graph cannot be remapped
     */
    public static EmbeddingLookup remap(OnnxGraph graph, KeptTokens kept) {
        GraphIndex index = graph.index();
        EmbeddingLookup words = wordLookup(index);
        TensorProto table = words.table();
        if (words.rows() < kept.originalSize()) {
            throw new IllegalArgumentException("the word-embedding table " + words.tableName() + " has "
                    + words.rows() + " rows, fewer than the tokenizer's " + kept.originalSize() + " tokens: the graph "
                    + "and the tokenizer do not belong together");
        }
        if (words.rows() > Integer.MAX_VALUE || words.width() <= 0) {
            throw new IllegalArgumentException("the word-embedding table " + words.tableName() + " has an unusable "
                    + "shape " + table.getDimsList());
        }
        byte[] rows = keptRows(table, (int) words.rows(), kept);
        graph.putInitializer(table.toBuilder().clearDims().addDims(kept.size()).addDims(words.width())
                .clearFloatData().clearInt32Data().setRawData(ByteString.copyFrom(rows)).build());
        graph.checkOrThrow("pruning the vocabulary");
        return words;
    }

    /**
     * The word-embedding lookup of a graph, checked to be the only thing that reads token ids by value.
     *
     * @param index the graph's index
     * @return the lookup
     * @throws IllegalArgumentException when there is none, or the ids or the table have other readers
     */
    static EmbeddingLookup wordLookup(GraphIndex index) {
        List<NodeProto> readers = index.consumers(EmbeddingLookup.INPUT_IDS);
        EmbeddingLookup words = EmbeddingLookup.words(index).orElseThrow(() -> new IllegalArgumentException(
                "the graph does not read " + EmbeddingLookup.INPUT_IDS + " through exactly one embedding lookup "
                        + "(Gather on a table initializer); its readers: " + describe(readers)));
        for (NodeProto reader : readers) {
            if (reader != words.gather() && !reader.getOpType().equals("Shape")) {
                throw new IllegalArgumentException("the graph also reads " + EmbeddingLookup.INPUT_IDS + " in "
                        + reader.getOpType() + " node '" + reader.getName() + "': renumbered ids would change what "
                        + "it computes");
            }
        }
        List<NodeProto> tableReaders = index.consumers(words.tableName());
        if (tableReaders.size() != 1) {
            throw new IllegalArgumentException("the word-embedding table " + words.tableName() + " is also read by "
                    + describe(tableReaders.stream().filter(n -> n != words.gather()).toList())
                    + " (tied weights): cutting its rows would change them");
        }
        return words;
    }

    private static byte[] keptRows(TensorProto table, int rows, KeptTokens kept) {
        int elementBytes = Tensors.elementBytes(table.getDataType());
        long width = table.getDims(1);
        byte[] data = table.getRawData().toByteArray();
        if (data.length == 0 && table.getDataType() == TensorProto.DataType.FLOAT_VALUE) {
            float[] values = Tensors.toFloats(table);
            ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(values);
            data = buffer.array();
        }
        long rowBytes = width * elementBytes;
        if (elementBytes == 0 || data.length != rows * rowBytes) {
            throw new IllegalArgumentException("the word-embedding table " + table.getName() + " holds "
                    + data.length + " bytes of data type " + table.getDataType() + ", not the " + rows + " x "
                    + width + " values its shape declares");
        }
        byte[] out = new byte[Math.toIntExact(kept.size() * rowBytes)];
        for (int newId = 0; newId < kept.size(); newId++) {
            System.arraycopy(data, Math.toIntExact(kept.oldId(newId) * rowBytes), out,
                    Math.toIntExact(newId * rowBytes), (int) rowBytes);
        }
        return out;
    }

    private static String describe(List<NodeProto> nodes) {
        return nodes.isEmpty() ? "none" : nodes.stream().map(n -> n.getOpType() + " '" + n.getName() + "'").toList()
                .toString();
    }
}
