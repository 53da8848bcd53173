package dev.sift.modelops.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.onnx.EncoderStructure;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.onnx.TinyGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerNormRewriterTest {

    @TempDir
    Path work;

    private static OnnxGraph miniLm() {
        OnnxGraph graph = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        SentenceEmbeddingGraph.append(graph, Pooling.MEAN, 1);
        return graph;
    }

    @Test
    void shouldRewriteEveryLayerNormOfMiniLmAndComputeTheSameEmbeddings() throws Exception {
        // Given MiniLM, exported with its 13 layer norms decomposed
        OnnxGraph original = miniLm();
        OnnxGraph rewritten = original.copy();

        // When they are rewritten
        int count = LayerNormRewriter.rewrite(rewritten);

        // Then no squaring Pow and no division by the deviation is left, and the embeddings are the same
        assertThat(count).isEqualTo(13);
        assertThat(rewritten.opCounts()).doesNotContainKey("Pow").containsEntry("Reciprocal", 13L);
        float[][] before = embed(original);
        float[][] after = embed(rewritten);
        for (int i = 0; i < before.length; i++) {
            for (int j = 0; j < before[i].length; j++) {
                assertThat(after[i][j]).isCloseTo(before[i][j], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void shouldLeaveOnnxRuntimeNoLayerNormalizationToFuse() throws Exception {
        // Given MiniLM as exported, and rewritten
        OnnxGraph rewritten = miniLm();
        LayerNormRewriter.rewrite(rewritten);

        // When ONNX Runtime optimizes both as a gateway's session does
        Map<String, Long> exported = optimizedByOnnxRuntime(miniLm());
        Map<String, Long> ours = optimizedByOnnxRuntime(rewritten);

        // Then it fuses the exported layer norms into its slow kernel, and finds none in ours
        assertThat(exported).containsEntry("LayerNormalization", 13L);
        assertThat(ours).doesNotContainKey("LayerNormalization");
    }

    @Test
    void shouldStillFindTheLayersOfARewrittenEncoder() {
        OnnxGraph rewritten = miniLm();

        LayerNormRewriter.rewrite(rewritten);

        EncoderStructure structure = new EncoderStructure(rewritten);
        assertThat(structure.layerNorms()).hasSize(13);
        assertThat(structure.layerOutputs()).hasSize(6);
    }

    @Test
    void shouldLeaveMobileBertsNoNormAlone() {
        Path file = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l.onnx").orElse(null);
        assumeTrue(file != null, "MobileBERT fixture not present");
        OnnxGraph graph = OnnxGraph.read(file);
        Map<String, Long> before = graph.opCounts();

        assertThat(LayerNormRewriter.rewrite(graph)).isZero();
        assertThat(graph.opCounts()).isEqualTo(before);
    }

    @Test
    void shouldRewriteOnlyTheLayerNormOfAGraphWhoseNodesHaveNoNames() {
        // Given a Relu then a layer norm as exports write it, with no node names (ONNX makes them optional)
        TinyGraph tiny = TinyGraph.withInputX();
        String output = tiny.exportedLayerNorm(tiny.ops.op("Relu", "relu", List.of("x")), 2f);
        OnnxGraph graph = tiny.outputs(output);
        graph.setNodes(graph.nodes().stream().map(n -> n.toBuilder().clearName().build()).toList());

        // When its layer norms are rewritten
        int count = LayerNormRewriter.rewrite(graph);

        // Then the square and the division are rewritten, and nothing else
        assertThat(count).isEqualTo(1);
        assertThat(graph.opCounts()).containsEntry("Relu", 1L).containsEntry("Reciprocal", 1L)
                .containsEntry("Mul", 3L).doesNotContainKeys("Pow", "Div");
    }

    private Map<String, Long> optimizedByOnnxRuntime(OnnxGraph graph) throws Exception {
        Path optimized = Files.createTempFile(work, "optimized-", ".onnx");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setOptimizedModelFilePath(optimized.toString());
            OrtEnvironment.getEnvironment().createSession(graph.toBytes(), options).close();
        }
        return OnnxGraph.read(optimized).opCounts();
    }

    private static float[][] embed(OnnxGraph graph) throws Exception {
        List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).limit(24).toList();
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64);
             OnnxModel model = new OnnxModel(graph.toBytes(), InferenceSettings.defaults())) {
            return model.run(PaddedBatch.of(tokenizer.encodeAll(texts)), List.of(SentenceEmbeddingGraph.OUTPUT))
                    .get(SentenceEmbeddingGraph.OUTPUT);
        }
    }
}
