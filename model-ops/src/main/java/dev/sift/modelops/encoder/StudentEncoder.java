package dev.sift.modelops.encoder;

import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.onnx.LayerSelection;
import dev.sift.modelops.onnx.LayerTruncation;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.TransformerLayers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A shallower encoder made of some of another encoder's transformer layers ({@link LayerTruncation}): the student
 * that fine-tuning then trains. It is an {@link Encoder} like any other, with its own graph file and SHA-256, so what
 * is computed from it (a fine-tuned graph, features, bundle versions) is keyed by the layers it kept. Its pooling
 * averages {@link LayerSelection#pooledLayers the last min(k, kept)} of its layers, where the base averaged k.
 */
public final class StudentEncoder {

    private StudentEncoder() {
    }

    /**
     * Writes the student's graph into {@code workDir/students/}, or reuses the one written earlier from the same
     * base graph and layers.
     *
     * @param base the full encoder
     * @param selection the layers to keep
     * @param workDir the Sift work folder
     * @return the student; the base itself when every layer is kept
     * @throws dev.sift.modelops.onnx.LayerSelectionException when the base's layers cannot be found or a chosen one
     *     does not exist
     */
    public static Encoder of(Encoder base, LayerSelection selection, Path workDir) {
        String key = Sha256.of(("student-1\n" + base.sha256() + "\n" + selection).getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
        Path target = workDir.resolve("students").resolve(key + ".onnx");
        if (!Files.exists(target)) {
            OnnxGraph full = OnnxGraph.read(base.onnx());
            if (selection.keepsAll(TransformerLayers.of(full).count())) {
                return base;
            }
            write(LayerTruncation.keep(full, selection), target);
        }
        return new Encoder(base.name() + " layers " + selection, base.source() + ", layers " + selection, target,
                base.tokenizer(), base.pooling(), selection.pooledLayers(base.layers()), Sha256.ofFile(target));
    }

    private static void write(OnnxGraph graph, Path target) {
        try {
            Files.createDirectories(target.getParent());
            // Other processes share the work folder: they see no file or the whole one, never a half-written one.
            Path partial = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".partial");
            try {
                graph.write(partial);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the student encoder " + target, e);
        }
    }
}
