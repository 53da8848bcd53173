package dev.sift.modelops.lowrank;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.sift.modelops.lowrank.FactorizationException.Problem;
import dev.sift.modelops.onnx.EmbeddingLookup;
import dev.sift.modelops.onnx.GraphIndex;
import dev.sift.modelops.onnx.Nodes;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Tensors;
import dev.sift.modelops.onnx.WordProjection;
import java.util.ArrayList;
import java.util.List;

/**
 * Replaces the word-embedding lookup {@code Gather(E [V x H], input_ids)} by
 * {@code MatMul(Gather(A [V x R], input_ids), B [R x H])}, under the lookup's output name, as MobileBERT's narrow
 * embedding with a projection does. {@code A = E·W} and {@code B = Wᵀ}, where the columns of {@code W [H x R]} are the
 * top-R right singular vectors of E ({@link PrincipalDirections}), so {@code A·B} is the best rank-R approximation of
 * E, and E itself at {@code R = H}. Nothing else in the graph changes.
 *
 * <p>The rest of the pipeline takes the result as it is: A is still the word table of
 * {@link EmbeddingLookup#words} (frozen by fine-tuning by default, cut by vocabulary pruning, quantized as a table),
 * B is a weight MatMul (trained, quantized per channel), and {@link WordProjection} lets the bundle's sizes count
 * both as word embeddings.
 */
public final class EmbeddingFactorizer {

    private final int rank;

    /**
     * @param rank the inner width R, at least 1 (and at most the table's width, checked on the graph)
     * @throws FactorizationException when the rank is below 1
     */
    public EmbeddingFactorizer(int rank) {
        if (rank < 1) {
            throw new FactorizationException(Problem.RANK_OUT_OF_RANGE,
                    "the embedding rank must be at least 1, got " + rank);
        }
        this.rank = rank;
    }

    /** @return the inner width R */
    public int rank() {
        return rank;
    }

    /**
     * Factorizes the graph's word-embedding table in place.
     *
     * @param graph an FP32 encoder graph (changed)
     * @return what was done
     * @throws FactorizationException when the graph has no single FP32 word table read by its lookup alone, already
     *     has a projection after it, or the rank exceeds the table's width
     */
    public Factorization factorize(OnnxGraph graph) {
        GraphIndex index = graph.index();
        EmbeddingLookup words = wordLookup(index);
        int rows = Math.toIntExact(words.rows());
        int width = Math.toIntExact(words.width());
        if (rank > width) {
            throw new FactorizationException(Problem.RANK_OUT_OF_RANGE, "the embedding rank " + rank + " exceeds the"
                    + " width " + width + " of the word-embedding table " + words.tableName());
        }
        float[] values = Tensors.toFloats(words.table());
        PrincipalDirections directions = PrincipalDirections.of(values, rows, width);
        String table = graph.uniqueName(words.tableName() + "_rank" + rank);
        String projection = graph.uniqueName(words.tableName() + "_projection");
        graph.putInitializer(Tensors.floats(table, new long[] {rows, rank}, factor(values, rows, width, directions)));
        graph.putInitializer(Tensors.floats(projection, new long[] {rank, width}, projection(directions, width)));
        String output = words.gather().getOutput(0);
        String narrow = graph.uniqueName(output + "_rank" + rank);
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto node : index.nodes()) {
            if (node != words.gather()) {
                nodes.add(node);
                continue;
            }
            nodes.add(node.toBuilder().setInput(0, table).setOutput(0, narrow).build());
            nodes.add(Nodes.node("MatMul", graph.uniqueName(node.getName() + "_projection"),
                    List.of(narrow, projection), List.of(output)));
        }
        graph.replaceNodes(nodes, "factorizing the word embeddings");
        return new Factorization(table, projection, rows, width, rank, directions.residualShare(rank));
    }

    private static EmbeddingLookup wordLookup(GraphIndex index) {
        EmbeddingLookup words = EmbeddingLookup.words(index).orElseThrow(() -> new FactorizationException(
                Problem.NO_WORD_LOOKUP, "the graph does not read " + EmbeddingLookup.INPUT_IDS + " through exactly"
                        + " one embedding lookup (Gather on a table initializer); its readers: "
                        + index.consumers(EmbeddingLookup.INPUT_IDS).stream()
                                .map(n -> n.getOpType() + " '" + n.getName() + "'").toList()));
        TensorProto table = words.table();
        if (table.getDataType() != TensorProto.DataType.FLOAT_VALUE || words.dequantize().isPresent()) {
            throw new FactorizationException(Problem.QUANTIZED_TABLE, "the word-embedding table " + words.tableName()
                    + " is " + TensorProto.DataType.forNumber(table.getDataType()) + ", not FP32: factorize the"
                    + " FP32 graph, then quantize it");
        }
        List<NodeProto> readers = index.consumers(words.tableName());
        if (readers.size() != 1) {
            throw new FactorizationException(Problem.TIED_TABLE, "the word-embedding table " + words.tableName()
                    + " is also read by " + readers.stream().filter(n -> n != words.gather())
                            .map(n -> n.getOpType() + " '" + n.getName() + "'").toList()
                    + " (tied weights): replacing it would change what they compute");
        }
        WordProjection.of(index, words).ifPresent(p -> {
            throw new FactorizationException(Problem.ALREADY_FACTORIZED, "the word-embedding table "
                    + words.tableName() + " is already followed by the projection " + p.weights());
        });
        return words;
    }

    /** {@code A = E·W}, accumulated in double. */
    private float[] factor(float[] table, int rows, int width, PrincipalDirections directions) {
        float[] a = new float[rows * rank];
        double[][] w = directions.vectors();
        for (int r = 0; r < rows; r++) {
            int offset = r * width;
            for (int k = 0; k < rank; k++) {
                double[] direction = w[k];
                double sum = 0;
                for (int i = 0; i < width; i++) {
                    sum += table[offset + i] * direction[i];
                }
                a[r * rank + k] = (float) sum;
            }
        }
        return a;
    }

    /** {@code B = Wᵀ}: row k is the k-th direction. */
    private float[] projection(PrincipalDirections directions, int width) {
        float[] b = new float[rank * width];
        for (int k = 0; k < rank; k++) {
            for (int i = 0; i < width; i++) {
                b[k * width + i] = (float) directions.vectors()[k][i];
            }
        }
        return b;
    }
}
