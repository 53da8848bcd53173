package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.onnx.LayerSelection;
import dev.sift.modelops.onnx.LayerTruncation;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A student with some of an encoder's layers runs in the DJL module as ONNX Runtime runs it. */
class StudentModuleTest {

    private static final List<String> TEXTS = List.of("my card was declined at the store",
            "where is my parcel", "hi", "I want to cancel my subscription and get a refund for last month");

    @Test
    void shouldComputeTheEveryOtherLayerMiniLmStudentsEmbeddingLikeOnnxRuntime() throws Exception {
        // Given layers 0, 2 and 4 of all-MiniLM-L6-v2, pooled over its last min(3, 3) layers
        Encoder encoder = MiniLmFixture.encoder();
        LayerSelection selection = LayerSelection.parse("0,2,4");
        OnnxGraph student = LayerTruncation.keep(OnnxGraph.read(encoder.onnx()), selection);
        int pooled = selection.pooledLayers(encoder.layers());

        // When the DJL module and ONNX Runtime embed the same texts
        double difference = djlVersusOrt(student, Pooling.MEAN, pooled, encoder.tokenizer());

        // Then they agree to float rounding
        System.out.printf("MiniLM layers 0,2,4, mean over %d layers: max |DJL - ORT| = %.3g%n", pooled, difference);
        assertThat(pooled).isEqualTo(3);
        assertThat(difference).isLessThan(1e-5);
    }

    @Test
    void shouldComputeTheSecondLayerMobileBertStudentsEmbeddingLikeOnnxRuntime() throws Exception {
        // Given layer 1 alone of the MobileBERT-structure fixture, reading the embeddings
        Path file = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
        assumeTrue(file != null, "the MobileBERT fixture is not present");
        OnnxGraph student = LayerTruncation.keep(OnnxGraph.read(file), LayerSelection.parse("1"));

        // When the DJL module and ONNX Runtime embed the same texts
        double difference = djlVersusOrt(student, Pooling.CLS, 1, MiniLmFixture.encoder().tokenizer());

        // Then they agree to float rounding
        System.out.printf("MobileBERT fixture layer 1, CLS: max |DJL - ORT| = %.3g%n", difference);
        assertThat(difference).isLessThan(1e-5);
    }

    private static double djlVersusOrt(OnnxGraph graph, Pooling pooling, int layers, Path tokenizerFile)
            throws Exception {
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(tokenizerFile, 64)) {
            OnnxModule module = OnnxModule.of(graph, pooling, layers, manager);
            float[][] djl = ModuleEmbeddings.embed(module, tokenizer, TEXTS, 8, manager);
            float[][] ort = OrtReference.embed(graph, pooling, layers, tokenizer, TEXTS);
            return OrtReference.maxAbsDifference(djl, ort);
        }
    }
}
