package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.train.LinearHead;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a model bundle: the sentence graph with the heads fused on, the tokenizer, the label files, and a sealed
 * manifest.
 */
public final class BundleBuilder {

    /** File name of the graph inside a bundle. */
    public static final String MODEL_FILE = "model.onnx";
    /** File name of the tokenizer inside a bundle. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private BundleBuilder() {
    }

    /**
     * What to call a bundle and what to record in it.
     *
     * @param name bundle family
     * @param version unique version
     * @param maxTokens tokens per snippet
     * @param precision {@code fp32}, {@code int8} or {@code mixed}
     * @param metrics evaluation figures
     * @param provenance how it was made
     * @param context what the graph reads of a turn's thread, or {@code null} for a bundle that judges each turn
     *     alone
     */
    public record Spec(String name, String version, int maxTokens, String precision, Map<String, Double> metrics,
            Map<String, String> provenance, BundleManifest.Context context) {

        /**
         * A bundle that judges each turn alone.
         *
         * @param name bundle family
         * @param version unique version
         * @param maxTokens tokens per snippet
         * @param precision {@code fp32}, {@code int8} or {@code mixed}
         * @param metrics evaluation figures
         * @param provenance how it was made
         */
        public Spec(String name, String version, int maxTokens, String precision, Map<String, Double> metrics,
                Map<String, String> provenance) {
            this(name, version, maxTokens, precision, metrics, provenance, null);
        }
    }

    /**
     * Fuses heads onto a sentence graph and writes the bundle.
     *
     * @param sentenceGraph encoder graph with output {@code sentence_embedding}
     * @param encoder the encoder it came from
     * @param heads trained heads
     * @param spec names and records
     * @param directory target directory (replaced)
     * @return the sealed, verified bundle
     */
    public static ModelBundle build(Path sentenceGraph, Encoder encoder, List<LinearHead> heads, Spec spec,
            Path directory) {
        OnnxGraph graph = OnnxGraph.read(sentenceGraph);
        HeadFusion.fuse(graph, heads, HeadFusion.contextInputs(spec.context()));
        return write(graph, encoder.tokenizer(), encoder.baseModel(), heads.stream().collect(
                java.util.stream.Collectors.toMap(LinearHead::role, LinearHead::manifestEntry, (a, b) -> a,
                        LinkedHashMap::new)), spec, directory);
    }

    /**
     * Writes a bundle from a finished graph (e.g. a quantized or imported one).
     *
     * @param graph the graph whose outputs the heads name
     * @param tokenizer its tokenizer file
     * @param baseModel the encoder it derives from
     * @param heads manifest entries of its heads
     * @param spec names and records
     * @param directory target directory (replaced)
     * @return the sealed, verified bundle
     */
    public static ModelBundle write(OnnxGraph graph, Path tokenizer, BundleManifest.BaseModel baseModel,
            Map<String, BundleManifest.Head> heads, Spec spec, Path directory) {
        try {
            recreate(directory);
            graph.write(directory.resolve(MODEL_FILE));
            Files.copy(tokenizer, directory.resolve(TOKENIZER_FILE), StandardCopyOption.REPLACE_EXISTING);
            for (var head : heads.entrySet()) {
                Files.writeString(directory.resolve(head.getKey() + ".labels"),
                        String.join("\n", head.getValue().labels()) + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bundle " + spec.version() + " to " + directory, e);
        }
        BundleManifest manifest = new BundleManifest(BundleManifest.FORMAT_VERSION, spec.name(), spec.version(),
                Instant.now(), baseModel, spec.maxTokens(), spec.precision(), MODEL_FILE, TOKENIZER_FILE, heads,
                spec.metrics(), Map.of(), spec.provenance(), spec.context());
        ModelBundle sealed = BundleWriter.seal(directory, manifest);
        // The canary: what this bundle outputs here, which every gateway checks before taking it live.
        try (OnnxClassifier classifier = OnnxClassifier.open(sealed, InferenceSettings.defaults())) {
            GoldenSetRecorder.write(GoldenSetRecorder.record(classifier, "fp32".equals(spec.precision())
                    ? FP32_TOLERANCE : INT8_TOLERANCE), directory);
        }
        return BundleWriter.seal(directory, manifest);
    }

    /** FP32 results differ across CPUs only by rounding. */
    private static final double FP32_TOLERANCE = 1e-3;
    /** Integer kernels differ across instruction sets (VNNI, AVX2, NEON) a little more. */
    private static final double INT8_TOLERANCE = 0.05;

    private static void recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(directory);
    }
}
