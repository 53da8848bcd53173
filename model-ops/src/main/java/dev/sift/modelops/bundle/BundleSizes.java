package dev.sift.modelops.bundle;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.onnx.EmbeddingLookup;
import dev.sift.modelops.onnx.GraphIndex;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.WordProjection;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What each part of a bundle weighs, in bytes as stored: the word-embedding table (with its projection, when the
 * table is factorized: {@link WordProjection}), the other embedding tables
 * (positions, token types), the encoder layers, the fused heads, the rest of the graph (nodes, names, small
 * constants), the tokenizer, and the bundle's other files (manifest, labels, canary). Quantization scales and zero
 * points count with the weights they belong to.
 *
 * @param parts part name to bytes, in the order above
 */
public record BundleSizes(Map<String, Long> parts) {

    /** Part names, also the suffixes of the manifest metrics ({@code size.<part>}). */
    public static final String WORD_EMBEDDINGS = "wordEmbeddings";
    /** Position and token-type tables. */
    public static final String OTHER_EMBEDDINGS = "otherEmbeddings";
    /** Every other weight of the encoder. */
    public static final String ENCODER_LAYERS = "encoderLayers";
    /** The fused heads' weights. */
    public static final String HEADS = "heads";
    /** The graph's nodes, names and anything not a weight. */
    public static final String GRAPH = "graphStructure";
    /** The tokenizer file. */
    public static final String TOKENIZER = "tokenizer";
    /** Manifest, label files, canary. */
    public static final String OTHER_FILES = "otherFiles";

    /** Name prefix of the fused heads' nodes and weights ({@link HeadFusion}). */
    private static final String HEAD_PREFIX = "sift_head/";

    /**
     * The parts of a graph and its tokenizer, before they are written into a bundle.
     *
     * @param graph the bundle's graph
     * @param tokenizer its tokenizer file
     * @return the sizes (no {@link #OTHER_FILES})
     */
    public static BundleSizes of(OnnxGraph graph, Path tokenizer) {
        GraphIndex index = graph.index();
        Set<String> words = new HashSet<>();
        Set<String> otherTables = new HashSet<>();
        EmbeddingLookup.words(index).ifPresent(w -> {
            words.addAll(w.initializerNames(index));
            // A factorized table's projection is part of the word embeddings, not of the encoder's layers.
            WordProjection.of(index, w).ifPresent(p -> words.addAll(p.weights()));
        });
        EmbeddingLookup.all(index).forEach(l -> l.initializerNames(index).stream()
                .filter(n -> !words.contains(n)).forEach(otherTables::add));
        Map<String, Long> parts = new LinkedHashMap<>();
        for (String part : new String[] {WORD_EMBEDDINGS, OTHER_EMBEDDINGS, ENCODER_LAYERS, HEADS}) {
            parts.put(part, 0L);
        }
        long weights = 0;
        var proto = graph.proto();
        for (TensorProto t : proto.getGraph().getInitializerList()) {
            String part = words.contains(t.getName()) ? WORD_EMBEDDINGS
                    : otherTables.contains(t.getName()) ? OTHER_EMBEDDINGS
                    : isHead(index, t.getName()) ? HEADS : ENCODER_LAYERS;
            // The serialized tensor, name and shape included: the parts then add up to the file.
            long bytes = t.getSerializedSize();
            parts.merge(part, bytes, Long::sum);
            weights += bytes;
        }
        parts.put(GRAPH, proto.getSerializedSize() - weights);
        parts.put(TOKENIZER, fileSize(tokenizer));
        return new BundleSizes(parts);
    }

    /**
     * The parts of a written bundle.
     *
     * @param bundle the bundle
     * @return the sizes, with the bundle's other files
     */
    public static BundleSizes of(ModelBundle bundle) {
        BundleSizes inGraph = of(OnnxGraph.read(bundle.modelFile()), bundle.tokenizerFile());
        Map<String, Long> parts = new LinkedHashMap<>(inGraph.parts());
        long all;
        try (var files = Files.walk(bundle.directory())) {
            all = files.filter(Files::isRegularFile).mapToLong(BundleSizes::fileSize).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long known = parts.values().stream().mapToLong(Long::longValue).sum();
        parts.put(OTHER_FILES, Math.max(0, all - known));
        return new BundleSizes(parts);
    }

    private static boolean isHead(GraphIndex index, String initializer) {
        if (initializer.startsWith(HEAD_PREFIX)) {
            return true;
        }
        var readers = index.consumers(initializer);
        return !readers.isEmpty() && readers.stream().allMatch(n -> n.getName().startsWith(HEAD_PREFIX));
    }

    private static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    /** @return the sum of the parts */
    public long total() {
        return parts.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * @return the parts as manifest metrics: {@code size.<part>} in bytes, and {@code size.total}
     */
    public Map<String, Double> asMetrics() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        parts.forEach((part, bytes) -> metrics.put("size." + part, bytes.doubleValue()));
        metrics.put("size.total", (double) total());
        return metrics;
    }

    /**
     * Prints one line per part.
     *
     * @param title what the sizes are of
     * @param out where to print
     */
    public void print(String title, PrintStream out) {
        out.printf(Locale.ROOT, "%s%n", title);
        parts.forEach((part, bytes) -> out.printf(Locale.ROOT, "  %-18s %12s bytes %8.2f MB%n", part,
                String.format(Locale.ROOT, "%,d", bytes), bytes / 1e6));
        out.printf(Locale.ROOT, "  %-18s %12s bytes %8.2f MB%n", "total", String.format(Locale.ROOT, "%,d", total()),
                total() / 1e6);
    }
}
