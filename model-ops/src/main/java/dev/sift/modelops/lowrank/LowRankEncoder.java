package dev.sift.modelops.lowrank;

import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.OnnxGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An encoder whose word-embedding table is factorized at a rank ({@link EmbeddingFactorizer}), written as a new
 * encoder: the same tokenizer and pooling, its own graph file and SHA-256. Everything keyed by the encoder (feature
 * caches, fine-tuned graphs, bundle versions) therefore tells the factorized encoder from its base and one rank from
 * another. The factorization is deterministic, so the graph is written once per base and rank and then reused.
 */
public final class LowRankEncoder {

    private LowRankEncoder() {
    }

    /**
     * @param base the encoder to factorize
     * @param rank the inner width of the word embeddings
     * @param workDir where factorized graphs are kept ({@code lowrank/} inside it)
     * @return the factorized encoder
     * @throws FactorizationException when the base's graph cannot be factorized at that rank
     */
    public static Encoder of(Encoder base, int rank, Path workDir) {
        EmbeddingFactorizer factorizer = new EmbeddingFactorizer(rank);
        Path target = workDir.resolve("lowrank").resolve(base.sha256().substring(0, 16) + "-rank" + rank + ".onnx");
        if (!Files.exists(target)) {
            OnnxGraph graph = OnnxGraph.read(base.onnx());
            factorizer.factorize(graph);
            try {
                Path partial = graph.write(target.resolveSibling(target.getFileName() + ".partial"));
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the factorized encoder " + target, e);
            }
        }
        return new Encoder(base.name() + " (word embeddings at rank " + rank + ")",
                base.source() + ", word embeddings factorized by model-ops", target, base.tokenizer(), base.pooling(),
                base.layers(), Sha256.ofFile(target));
    }
}
