package dev.sift.modelops.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceEmbeddingGraphTest {

    private static final Path MOBILEBERT = dev.sift.modelops.SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx")
            .orElse(Path.of("absent"));

    @TempDir
    Path dir;

    @Test
    void shouldPoolInsideTheGraphExactlyAsMeanPoolingOverTheMask() throws Exception {
        // Given the encoder and its pooled form
        OnnxGraph graph = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        SentenceEmbeddingGraph.append(graph, Pooling.MEAN, 1);
        Path pooled = graph.write(dir.resolve("pooled.onnx"));
        List<String> texts = List.of("my card was declined", "hi");

        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64);
             OnnxModel model = new OnnxModel(pooled, InferenceSettings.defaults());
             OrtSession encoder = OrtEnvironment.getEnvironment().createSession(
                     MiniLmFixture.encoder().onnx().toString(), new OrtSession.SessionOptions())) {
            PaddedBatch batch = PaddedBatch.of(tokenizer.encodeAll(texts));

            // When both run on the same padded batch
            float[][] inGraph = model.run(batch, List.of(SentenceEmbeddingGraph.OUTPUT)).get(SentenceEmbeddingGraph.OUTPUT);
            long[][] ids = new long[2][batch.length()];
            long[][] mask = new long[2][batch.length()];
            for (int i = 0; i < 2; i++) {
                System.arraycopy(batch.inputIds(), i * batch.length(), ids[i], 0, batch.length());
                System.arraycopy(batch.attentionMask(), i * batch.length(), mask[i], 0, batch.length());
            }
            var env = OrtEnvironment.getEnvironment();
            try (OnnxTensor t1 = OnnxTensor.createTensor(env, ids); OnnxTensor t2 = OnnxTensor.createTensor(env, mask);
                 OnnxTensor t3 = OnnxTensor.createTensor(env, new long[2][batch.length()]);
                 var result = encoder.run(Map.of("input_ids", t1, "attention_mask", t2, "token_type_ids", t3))) {
                float[][][] states = (float[][][]) result.get(0).getValue();

                // Then the graph's embedding is the normalized masked mean of the token states
                for (int row = 0; row < 2; row++) {
                    float[] mean = new float[384];
                    int count = 0;
                    for (int t = 0; t < batch.length(); t++) {
                        if (mask[row][t] == 1) {
                            count++;
                            for (int d = 0; d < 384; d++) {
                                mean[d] += states[row][t][d];
                            }
                        }
                    }
                    double norm = 0;
                    for (int d = 0; d < 384; d++) {
                        mean[d] /= count;
                        norm += mean[d] * mean[d];
                    }
                    for (int d = 0; d < 384; d++) {
                        assertThat(inGraph[row][d]).isCloseTo((float) (mean[d] / Math.sqrt(norm)),
                                org.assertj.core.data.Offset.offset(1e-4f));
                    }
                }
            }
        }
    }

    @Test
    void shouldAverageTheLastLayersIntoAUnitVector() throws Exception {
        OnnxGraph graph = OnnxGraph.read(MiniLmFixture.encoder().onnx());
        assertThat(SentenceEmbeddingGraph.append(graph, Pooling.MEAN, 3)).isEqualTo(384);
        Path pooled = graph.write(dir.resolve("pooled3.onnx"));

        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64);
             OnnxModel model = new OnnxModel(pooled, InferenceSettings.defaults())) {
            float[] v = model.run(PaddedBatch.of(tokenizer.encodeAll(List.of("where is my parcel"))),
                    List.of(SentenceEmbeddingGraph.OUTPUT)).get(SentenceEmbeddingGraph.OUTPUT)[0];
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void shouldPoolMobileBertButRefuseToAverageItsNoNormBlocks() {
        assumeTrue(Files.exists(MOBILEBERT), "MobileBERT fixture not present");
        OnnxGraph graph = OnnxGraph.read(MOBILEBERT);
        EncoderStructure structure = new EncoderStructure(graph);

        assertThat(structure.feedForwardBlocks()).hasSize(8);
        assertThatThrownBy(structure::layerOutputs).hasMessageContaining("NoNorm");
        assertThat(SentenceEmbeddingGraph.append(graph, Pooling.MEAN, 1)).isEqualTo(512);
        assertThat(graph.check()).isEmpty();
    }
}
