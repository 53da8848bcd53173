package dev.sift.modelops.encoder;

import ai.onnxruntime.OrtException;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.onnx.TextBatchRunner;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Sentence embeddings of texts, computed by the encoder graph with pooling and normalization appended (the same
 * graph the heads are later fused onto), in length-sorted batches on every core.
 */
public final class FeatureExtractor implements AutoCloseable {

    private static final int CHUNK = 512;

    private final String cacheKey;
    private final Path sentenceGraph;
    private final SnippetTokenizer tokenizer;
    private final OnnxModel model;
    private final TextBatchRunner runner;
    private final int width;

    private FeatureExtractor(String cacheKey, Path sentenceGraph, SnippetTokenizer tokenizer, OnnxModel model,
            int width) {
        this.cacheKey = cacheKey;
        this.sentenceGraph = sentenceGraph;
        this.tokenizer = tokenizer;
        this.model = model;
        this.width = width;
        this.runner = new TextBatchRunner(tokenizer, model, List.of(SentenceEmbeddingGraph.OUTPUT), 64);
    }

    /**
     * Builds (or reuses) the sentence-embedding graph of an encoder and opens it.
     *
     * @param encoder the encoder
     * @param workDir where the graph is cached
     * @param maxTokens tokens per text
     * @return the extractor
     */
    public static FeatureExtractor open(Encoder encoder, Path workDir, int maxTokens) {
        Path graphFile = workDir.resolve(encoder.sha256().substring(0, 16) + "-" + encoder.pooling().name()
                .toLowerCase() + "-" + encoder.layers() + "-sentence.onnx");
        try {
            if (!Files.exists(graphFile)) {
                OnnxGraph graph = OnnxGraph.read(encoder.onnx());
                SentenceEmbeddingGraph.append(graph, encoder.pooling(), encoder.layers());
                Path partial = graph.write(workDir.resolve(graphFile.getFileName() + ".partial"));
                Files.move(partial, graphFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            String key = Sha256.of((encoder.sha256() + encoder.pooling() + encoder.layers() + "/" + maxTokens)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ofGraph(graphFile, encoder.tokenizer(), maxTokens, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare encoder " + encoder.name(), e);
        }
    }

    /**
     * Opens an existing sentence-embedding graph (for example a pruned one).
     *
     * @param sentenceGraph a graph with output {@code sentence_embedding}
     * @param tokenizerFile its tokenizer
     * @param maxTokens tokens per text
     * @param cacheKey identifies the graph for the feature cache
     * @return the extractor
     */
    public static FeatureExtractor ofGraph(Path sentenceGraph, Path tokenizerFile, int maxTokens, String cacheKey) {
        SnippetTokenizer tokenizer;
        try {
            tokenizer = SnippetTokenizer.load(tokenizerFile, maxTokens);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        InferenceSettings settings = InferenceSettings.defaults()
                .withIntraOpThreads(Runtime.getRuntime().availableProcessors()).withMaxBatchSize(64);
        try {
            OnnxModel model = new OnnxModel(sentenceGraph, settings);
            int width = (int) model.outputWidth(SentenceEmbeddingGraph.OUTPUT);
            return new FeatureExtractor(cacheKey, sentenceGraph, tokenizer, model, width);
        } catch (OrtException | RuntimeException e) {
            tokenizer.close();
            throw new IllegalStateException("cannot load the sentence graph " + sentenceGraph + ": " + e.getMessage(),
                    e);
        }
    }

    /** @return the pooled, normalized encoder graph (output {@code sentence_embedding}) */
    public Path sentenceGraph() {
        return sentenceGraph;
    }

    /** @return embedding width */
    public int width() {
        return width;
    }

    /**
     * Embeds texts, reusing the features of an earlier run on the same texts with the same encoder.
     *
     * @param texts the texts
     * @param progress progress reporting
     * @param label what is embedded, for the progress bar
     * @return {@code [text][width]}
     */
    public float[][] embed(List<String> texts, Progress progress, String label) {
        Path cache = featureCache(texts);
        if (Files.exists(cache)) {
            float[][] cached = FeatureFiles.read(cache, texts.size());
            if (cached != null) {
                return cached;
            }
        }
        float[][] out = compute(texts, progress, label);
        FeatureFiles.write(cache, out);
        return out;
    }

    private Path featureCache(List<String> texts) {
        StringBuilder key = new StringBuilder(cacheKey());
        for (String text : texts) {
            key.append('\n').append(text);
        }
        return sentenceGraph.getParent().resolve("features")
                .resolve(Sha256.of(key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".f32");
    }

    private float[][] compute(List<String> texts, Progress progress, String label) {
        float[][] out = new float[texts.size()][];
        try (Progress.Task task = progress.start("Embedding " + label, texts.size())) {
            for (int start = 0; start < texts.size(); start += CHUNK) {
                List<String> chunk = texts.subList(start, Math.min(texts.size(), start + CHUNK));
                List<TextBatchRunner.Row> rows = runner.run(chunk);
                for (int i = 0; i < rows.size(); i++) {
                    out[start + i] = rows.get(i).outputs().get(SentenceEmbeddingGraph.OUTPUT);
                }
                task.step(chunk.size());
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding failed: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * A stable key of this extractor's features, for caches.
     *
     * @return encoder hash plus pooling and max tokens
     */
    public String cacheKey() {
        return cacheKey;
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }
}
