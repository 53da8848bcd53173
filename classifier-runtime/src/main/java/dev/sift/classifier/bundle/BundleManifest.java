package dev.sift.classifier.bundle;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manifest.json} of a model bundle: what the bundle is, where it came from, how its outputs are read, how
 * well it did, and the SHA-256 of every file.
 *
 * @param formatVersion manifest format; this runtime reads {@value #FORMAT_VERSION}
 * @param name bundle family, e.g. {@code sift-default}
 * @param version unique version of this bundle
 * @param createdAt when it was built
 * @param baseModel the pretrained encoder it derives from
 * @param maxTokens tokens per snippet, including special tokens; longer snippets are truncated
 * @param precision {@code fp32}, {@code int8} or {@code mixed}
 * @param modelFile the ONNX graph, relative to the bundle
 * @param tokenizerFile the Hugging Face {@code tokenizer.json}, relative to the bundle
 * @param heads output heads by role ({@value #INTENTS}, {@value #REPUTATION})
 * @param metrics evaluation figures (accuracy, F1, calibration error, size, latency)
 * @param files SHA-256 (hex) of every file of the bundle but the manifest
 * @param provenance free facts about how the bundle was made (training data, regularization, pruning)
 * @param context what the graph reads of a turn's thread besides its tokens, or {@code null} when it judges each turn
 *     alone
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record BundleManifest(
        int formatVersion,
        String name,
        String version,
        Instant createdAt,
        BaseModel baseModel,
        int maxTokens,
        String precision,
        String modelFile,
        String tokenizerFile,
        Map<String, Head> heads,
        Map<String, Double> metrics,
        Map<String, String> files,
        Map<String, String> provenance,
        Context context) {

    /** The manifest format this runtime reads. */
    public static final int FORMAT_VERSION = 1;
    /** Role of the multi-label intent head. */
    public static final String INTENTS = "intents";
    /** Role of the reputation polarity head. */
    public static final String REPUTATION = "reputation";
    /** The manifest's file name inside a bundle. */
    public static final String FILE_NAME = "manifest.json";

    /**
     * A manifest of a bundle that judges each turn alone.
     *
     * @param formatVersion manifest format
     * @param name bundle family
     * @param version unique version
     * @param createdAt when it was built
     * @param baseModel the pretrained encoder
     * @param maxTokens tokens per snippet
     * @param precision {@code fp32}, {@code int8} or {@code mixed}
     * @param modelFile the ONNX graph
     * @param tokenizerFile the tokenizer
     * @param heads output heads by role
     * @param metrics evaluation figures
     * @param files SHA-256 of every file
     * @param provenance how the bundle was made
     */
    public BundleManifest(int formatVersion, String name, String version, Instant createdAt, BaseModel baseModel,
            int maxTokens, String precision, String modelFile, String tokenizerFile, Map<String, Head> heads,
            Map<String, Double> metrics, Map<String, String> files, Map<String, String> provenance) {
        this(formatVersion, name, version, createdAt, baseModel, maxTokens, precision, modelFile, tokenizerFile, heads,
                metrics, files, provenance, null);
    }

    /** Normalizes absent collections to empty ones. */
    public BundleManifest {
        heads = heads == null ? Map.of() : Map.copyOf(heads);
        metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
        files = files == null ? Map.of() : new LinkedHashMap<>(files);
        provenance = provenance == null ? Map.of() : new LinkedHashMap<>(provenance);
    }

    /** @return the intent head, if the bundle has one */
    public Optional<Head> intents() {
        return Optional.ofNullable(heads.get(INTENTS));
    }

    /** @return the reputation head, if the bundle has one */
    public Optional<Head> reputation() {
        return Optional.ofNullable(heads.get(REPUTATION));
    }

    /**
     * A copy with other file hashes (used when a bundle is written).
     *
     * @param newFiles file name to SHA-256
     * @return the new manifest
     */
    public BundleManifest withFiles(Map<String, String> newFiles) {
        return new BundleManifest(formatVersion, name, version, createdAt, baseModel, maxTokens, precision,
                modelFile, tokenizerFile, heads, metrics, newFiles, provenance, context);
    }

    /**
     * A copy with other metrics.
     *
     * @param newMetrics evaluation figures
     * @return the new manifest
     */
    public BundleManifest withMetrics(Map<String, Double> newMetrics) {
        return new BundleManifest(formatVersion, name, version, createdAt, baseModel, maxTokens, precision,
                modelFile, tokenizerFile, heads, newMetrics, files, provenance, context);
    }

    /**
     * A copy that reads context as given.
     *
     * @param newContext what the graph reads of a turn's thread, or {@code null}
     * @return the new manifest
     */
    public BundleManifest withContext(Context newContext) {
        return new BundleManifest(formatVersion, name, version, createdAt, baseModel, maxTokens, precision,
                modelFile, tokenizerFile, heads, metrics, files, provenance, newContext);
    }

    /**
     * What a context-aware graph reads of a turn's thread, and where it returns the turn's own embedding.
     *
     * @param slots context slot names ({@code dev.sift.classifier.context.ContextSlot}), each a graph input
     *     {@code [batch, width]}, in the order the head reads them
     * @param width the embedding width
     * @param embeddingOutput the graph output holding each turn's embedding {@code [batch, width]}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Context(List<String> slots, int width, String embeddingOutput) {
        /** Copies the slots. */
        public Context {
            slots = slots == null ? List.of() : List.copyOf(slots);
        }
    }

    /**
     * The pretrained encoder a bundle derives from.
     *
     * @param name model name, e.g. {@code all-MiniLM-L6-v2}
     * @param source where it was taken from (Maven coordinates or a path)
     * @param sha256 SHA-256 of the original ONNX file
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BaseModel(String name, String source, String sha256) {
    }

    /**
     * One output of the graph and how to read it.
     *
     * @param output graph output name, shape {@code [batch, labels.size()]}
     * @param activation what the graph applied last: {@code sigmoid} (independent probabilities) or
     *     {@code softmax} (one distribution)
     * @param labels label of each column
     * @param calibration how the probabilities were calibrated (already folded into the graph)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Head(String output, String activation, List<String> labels, Calibration calibration) {
        /** Copies the labels. */
        public Head {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }

    /**
     * Calibration of a head, for the record: the graph already applies it.
     *
     * @param method {@code platt}, {@code temperature} or {@code none}
     * @param parameters the fitted parameters
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Calibration(String method, Map<String, Double> parameters) {
    }
}
