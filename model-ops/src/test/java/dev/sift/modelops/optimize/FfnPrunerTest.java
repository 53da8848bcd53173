package dev.sift.modelops.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.onnx.EncoderStructure;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.onnx.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FfnPrunerTest {

    private static List<String> texts(int n) {
        return DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).limit(n).toList();
    }

    @Test
    void shouldRemoveChannelsAndStayCloseToTheUnprunedEmbeddings() throws Exception {
        // Given the sentence graph of MiniLM and its activation profile on starter snippets
        OnnxGraph graph = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        SentenceEmbeddingGraph.append(graph, Pooling.MEAN, 1);
        OnnxGraph original = graph.copy();
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64)) {
            ActivationProfile profile = ActivationProfiler.profile(graph, tokenizer, texts(160), Progress.NONE);
            assertThat(profile.intermediates()).hasSize(6);
            assertThat(profile.matmulInputs()).isNotEmpty();

            // When 10% of the intermediate channels go
            FfnPruner.Result result = FfnPruner.pruneRatio(graph, profile, 0.10);

            // Then the weights shrank and the embeddings stay close
            assertThat(result.ratio()).isCloseTo(0.10, org.assertj.core.data.Offset.offset(0.01));
            assertThat(result.removedBytes()).isPositive();
            long pruned = new EncoderStructure(graph).feedForwardBlocks().stream()
                    .mapToLong(b -> Tensors.dims(graph.initializers().get(b.upWeight()))[1]).sum();
            assertThat(pruned).isEqualTo(Math.round(6 * 1536 * 0.9));
            List<float[]> before = embed(original, tokenizer);
            List<float[]> after = embed(graph, tokenizer);
            assertThat(QuantizationSensitivity.meanCosineDistance(before, after)).isLessThan(0.05);
        }
    }

    @Test
    void shouldPruneMobileBertsStackedFeedForwardBlocks() throws Exception {
        Path file = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
        assumeTrue(file != null, "MobileBERT fixture not present");
        OnnxGraph graph = OnnxGraph.read(file);
        SentenceEmbeddingGraph.append(graph, Pooling.MEAN, 1);
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64)) {
            ActivationProfile profile = ActivationProfiler.profile(graph, tokenizer, texts(48), Progress.NONE);

            FfnPruner.Result result = FfnPruner.pruneRatio(graph, profile, 0.25);

            assertThat(result.totalByBlock()).hasSize(8);
            assertThat(result.ratio()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01));
            assertThat(graph.check()).isEmpty();
        }
    }

    private static List<float[]> embed(OnnxGraph graph, SnippetTokenizer tokenizer) throws Exception {
        List<float[]> out = new ArrayList<>();
        try (OnnxModel model = new OnnxModel(graph.toBytes(), InferenceSettings.defaults())) {
            for (float[] row : model.run(PaddedBatch.of(tokenizer.encodeAll(texts(200).subList(160, 200))),
                    List.of(SentenceEmbeddingGraph.OUTPUT)).get(SentenceEmbeddingGraph.OUTPUT)) {
                out.add(row);
            }
        }
        return out;
    }
}
