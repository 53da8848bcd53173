package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.lowrank.EmbeddingFactorizer;
import dev.sift.modelops.lowrank.Factorization;
import dev.sift.modelops.lowrank.LowRankEncoder;
import dev.sift.modelops.onnx.EmbeddingLookup;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.WordProjection;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tuning takes a factorized encoder: DJL runs it as ONNX Runtime does, and trains the projection, not the factor. */
class FactorizedFineTuningTest {

    private static final List<String> TEXTS = List.of("my card was declined at the store",
            "where is my parcel", "hi", "I want to cancel my subscription and get a refund for last month");

    @TempDir
    Path work;

    @Test
    void shouldComputeAFactorizedMiniLmLikeOnnxRuntime() throws Exception {
        // Given all-MiniLM-L6-v2 with its word table factorized at rank 128
        Encoder encoder = MiniLmFixture.encoder();
        OnnxGraph graph = OnnxGraph.read(encoder.onnx());
        Factorization f = new EmbeddingFactorizer(128).factorize(graph);
        try (NDManager manager = NDManager.newBaseManager(PyTorchEngine.start(1).defaultDevice(), PyTorchEngine.NAME);
             SnippetTokenizer tokenizer = SnippetTokenizer.load(encoder.tokenizer(), 64)) {
            OnnxModule module = OnnxModule.of(graph, encoder.pooling(), encoder.layers(), manager);

            // When the DJL module and ONNX Runtime embed the same texts
            float[][] djl = ModuleEmbeddings.embed(module, tokenizer, TEXTS, 8, manager);
            float[][] ort = OrtReference.embed(graph, encoder.pooling(), encoder.layers(), tokenizer, TEXTS);

            // Then they agree to float rounding, and the factor is the word table fine-tuning freezes
            double difference = OrtReference.maxAbsDifference(djl, ort);
            System.out.printf("MiniLM at rank 128: max |DJL - ORT| = %.3g%n", difference);
            assertThat(difference).isLessThan(1e-5);
            assertThat(module.wordEmbeddings()).contains(f.table());
            assertThat(module.weights()).containsKey(f.projection());
        }
    }

    @Test
    void shouldTrainTheProjectionAndKeepTheFactorFrozen() throws Exception {
        Path fixture = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx")
                .orElse(null);
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given the MobileBERT-structure encoder with its 128-wide word table factorized at rank 32
        Encoder base = new Encoder("mobilebert-random-2l", fixture.toString(), fixture,
                MiniLmFixture.encoder().tokenizer(), Pooling.MEAN, 1, Sha256.ofFile(fixture));
        Encoder factorized = LowRankEncoder.of(base, 32, work);
        OnnxGraph before = OnnxGraph.read(factorized.onnx());
        EmbeddingLookup words = EmbeddingLookup.words(before.index()).orElseThrow();
        String projection = WordProjection.of(before.index(), words).orElseThrow().weights().get(0);

        // When it is fine-tuned for a few steps with the default frozen word table
        FineTuneOptions options = new FineTuneOptions(1, 7, 4, 2e-3f, 5e-2f, 0.1f, 0.01f, 3L, 1,
                Objective.SIGMOID, true);
        EncoderFineTuning.Result tuned = new EncoderFineTuning(options, 32, work, Progress.NONE)
                .run(factorized, Dataset.of("tiny", FineTunerTest.TRAIN, List.of(), List.of()));

        // Then the factor is written back unchanged and the projection trained
        OnnxGraph after = OnnxGraph.read(tuned.encoder().onnx());
        assertThat(after.initializers().get(words.tableName())).isEqualTo(words.table());
        assertThat(after.initializers().get(projection)).isNotEqualTo(before.initializers().get(projection));
        // And the factorized encoder is its own encoder, one per rank, written once
        assertThat(factorized.sha256()).isNotEqualTo(base.sha256())
                .isNotEqualTo(LowRankEncoder.of(base, 16, work).sha256());
        assertThat(LowRankEncoder.of(base, 32, work)).isEqualTo(factorized);
    }
}
