package dev.sift.modelops.encoder;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.onnx.Pooling;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A pretrained BERT-family encoder: its ONNX graph (output {@code [batch, seq, hidden]}), its {@code tokenizer.json}
 * and how its token states are pooled.
 *
 * @param name model name
 * @param source where it comes from (Maven coordinates or a path)
 * @param onnx the graph file
 * @param tokenizer the tokenizer file
 * @param pooling pooling that matches how the model was trained
 * @param layers how many of the last layers are pooled and averaged (1: the output only)
 * @param sha256 SHA-256 of the graph file
 */
public record Encoder(String name, String source, Path onnx, Path tokenizer, Pooling pooling, int layers,
        String sha256) {

    /**
     * The default: sentence-transformers all-MiniLM-L6-v2 (6 layers x 384), FP32, mean pooling averaged over the
     * last 3 layers (measured: +2.2 points on airline tweets, +0.025 micro-F1 on NLU++ banking against the last layer
     * alone).
     */
    public static final String MINILM = "all-minilm-l6-v2";
    /**
     * all-MiniLM-L6-v2 quantized to INT8 by ONNX Runtime's Python {@code quantize_dynamic}: the reference our own
     * quantizer is compared with.
     */
    public static final String MINILM_INT8_REFERENCE = "all-minilm-l6-v2-q";
    /** BAAI bge-small-en-v1.5 (12 layers x 384), FP32, CLS pooling. */
    public static final String BGE_SMALL = "bge-small-en-v15";

    private static final String MINILM_SHA256 = "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e";
    private static final String MINILM_Q_SHA256 = "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1";
    private static final String BGE_SMALL_SHA256 = "828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35";
    private static final String COORDINATES = "dev.langchain4j:langchain4j-embeddings-%s:1.20.0-beta30";

    /**
     * A built-in encoder shipped inside a Maven Central jar on this classpath, copied to a work directory and
     * checked against its pinned SHA-256.
     *
     * @param name {@value #MINILM} or {@value #BGE_SMALL}
     * @param workDir where to put the files
     * @return the encoder
     */
    public static Encoder builtIn(String name, Path workDir) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case MINILM, "minilm", "all-minilm-l6-v2-fp32" -> fromClasspath("all-MiniLM-L6-v2", "all-minilm-l6-v2",
                    String.format(COORDINATES, "all-minilm-l6-v2"), Pooling.MEAN, 3, MINILM_SHA256, workDir);
            case MINILM_INT8_REFERENCE -> fromClasspath("all-MiniLM-L6-v2 (ORT Python int8)", "all-minilm-l6-v2-q",
                    String.format(COORDINATES, "all-minilm-l6-v2-q"), Pooling.MEAN, 3, MINILM_Q_SHA256, workDir);
            case BGE_SMALL, "bge-small", "bge-small-en-v1.5" -> fromClasspath("bge-small-en-v1.5", "bge-small-en-v1.5",
                    String.format(COORDINATES, "bge-small-en-v15"), Pooling.CLS, 1, BGE_SMALL_SHA256, workDir);
            default -> throw new IllegalArgumentException("unknown built-in encoder '" + name + "' (built in: "
                    + MINILM + ", " + MINILM_INT8_REFERENCE + ", " + BGE_SMALL + "; or give --encoder-onnx and"
                    + " --tokenizer)");
        };
    }

    /**
     * An encoder from files.
     *
     * @param onnx graph with output {@code [batch, seq, hidden]}
     * @param tokenizer its {@code tokenizer.json}
     * @param pooling how to pool
     * @return the encoder
     */
    public static Encoder fromFiles(Path onnx, Path tokenizer, Pooling pooling) {
        return new Encoder(onnx.getFileName().toString().replaceAll("\\.onnx$", ""), onnx.toAbsolutePath().toString(),
                onnx, tokenizer, pooling, 1, Sha256.ofFile(onnx));
    }

    private static Encoder fromClasspath(String displayName, String resource, String coordinates, Pooling pooling,
            int layers, String sha256, Path workDir) {
        Path onnx = workDir.resolve(resource + ".onnx");
        Path tokenizer = workDir.resolve(resource + "-tokenizer.json");
        try {
            Files.createDirectories(workDir);
            if (!Files.exists(onnx) || !Sha256.ofFile(onnx).equals(sha256)) {
                copy(resource + ".onnx", onnx, coordinates);
            }
            copy(resource + "-tokenizer.json", tokenizer, coordinates);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract encoder " + displayName + " to " + workDir, e);
        }
        String actual = Sha256.ofFile(onnx);
        if (!actual.equals(sha256)) {
            throw new IllegalStateException("encoder " + displayName + " from " + coordinates + " has sha256 " + actual
                    + ", pinned " + sha256 + ": a different export than the one this project was built on");
        }
        return new Encoder(displayName, coordinates, onnx, tokenizer, pooling, layers, sha256);
    }

    private static void copy(String resource, Path target, String coordinates) throws IOException {
        try (InputStream in = Encoder.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is not on the classpath: add " + coordinates);
            }
            // Other processes share the work folder and may be reading the file: they see the old one or the new
            // one, never a half-written one.
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
            try {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }

    /**
     * @param count how many of the last layers to pool and average
     * @return this encoder pooled over that many layers
     */
    public Encoder withLayers(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("layers must be at least 1");
        }
        return new Encoder(name, source, onnx, tokenizer, pooling, count, sha256);
    }

    /** @return the manifest's record of this encoder */
    public BundleManifest.BaseModel baseModel() {
        return new BundleManifest.BaseModel(name, source, sha256);
    }
}
