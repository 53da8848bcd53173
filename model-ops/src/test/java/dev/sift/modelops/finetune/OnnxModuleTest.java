package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OnnxModuleTest {

    private static final List<String> TEXTS = List.of("my card was declined at the store",
            "where is my parcel", "hi", "I want to cancel my subscription and get a refund for last month");

    @Test
    void shouldComputeMiniLmsSentenceEmbeddingLikeOnnxRuntime() throws Exception {
        // Given the default encoder, pooled as bundles pool it (mean over the last 3 layers)
        Encoder encoder = MiniLmFixture.encoder();
        OnnxGraph graph = OnnxGraph.read(encoder.onnx());
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(encoder.tokenizer(), 64)) {
            OnnxModule module = OnnxModule.of(graph, encoder.pooling(), encoder.layers(), manager);

            // When the DJL module and ONNX Runtime embed the same texts
            float[][] djl = ModuleEmbeddings.embed(module, tokenizer, TEXTS, 8, manager);
            float[][] ort = OrtReference.embed(graph, encoder.pooling(), encoder.layers(), tokenizer, TEXTS);

            // Then they agree to float rounding
            double difference = OrtReference.maxAbsDifference(djl, ort);
            System.out.printf("all-MiniLM-L6-v2: %d weights, max |DJL - ORT| = %.3g%n", module.weightCount(),
                    difference);
            assertThat(module.weightCount()).isEqualTo(graph.parameterCount() - scalarAndIntegerValues(graph));
            assertThat(difference).isLessThan(1e-5);
        }
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void shouldComputeMobileBertsSentenceEmbeddingLikeOnnxRuntime(Pooling pooling) throws Exception {
        // Given a graph with MobileBERT's structure: bottlenecks, NoNorm, stacked feed-forward blocks
        Path file = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
        assumeTrue(file != null, "the MobileBERT fixture is not present");
        OnnxGraph graph = OnnxGraph.read(file);
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64)) {
            OnnxModule module = OnnxModule.of(graph, pooling, 1, manager);

            // When the DJL module and ONNX Runtime embed the same texts
            float[][] djl = ModuleEmbeddings.embed(module, tokenizer, TEXTS, 8, manager);
            float[][] ort = OrtReference.embed(graph, pooling, 1, tokenizer, TEXTS);

            // Then they agree to float rounding
            double difference = OrtReference.maxAbsDifference(djl, ort);
            System.out.printf("MobileBERT-2l, %s pooling: %d weights, max |DJL - ORT| = %.3g%n", pooling,
                    module.weightCount(), difference);
            assertThat(difference).isLessThan(1e-5);
        }
    }

    private static long scalarAndIntegerValues(OnnxGraph graph) {
        return graph.initializers().values().stream()
                .filter(t -> t.getDataType() != ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT_VALUE
                        || dev.sift.modelops.onnx.Tensors.elementCount(t) <= 1)
                .mapToLong(dev.sift.modelops.onnx.Tensors::elementCount).sum();
    }
}
