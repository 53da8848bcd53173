package dev.sift.modelops.lowrank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.finetune.OrtReference;
import dev.sift.modelops.lowrank.FactorizationException.Problem;
import dev.sift.modelops.onnx.EmbeddingLookup;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.Nodes;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.Tensors;
import dev.sift.modelops.onnx.TinyGraph;
import dev.sift.modelops.optimize.DynamicQuantizer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddingFactorizerTest {

    private static OnnxGraph miniLm;
    private static float[][] miniLmEmbeddings;

    @BeforeAll
    static void readMiniLm() throws Exception {
        Encoder encoder = MiniLmFixture.encoder();
        miniLm = OnnxGraph.read(encoder.onnx());
        miniLmEmbeddings = OrtSentences.embed(miniLm, encoder.pooling(), encoder.layers());
    }

    @Test
    void shouldReproduceTheEmbeddingsExactlyAtFullRank() throws Exception {
        // Given all-MiniLM-L6-v2, whose word table is 30,522 x 384
        OnnxGraph graph = miniLm.copy();

        // When the table is factorized at its full width
        Factorization f = new EmbeddingFactorizer(384).factorize(graph);

        // Then the lookup reads a 30,522 x 384 factor, projected back by a 384 x 384 matrix
        assertThat(Tensors.dims(graph.initializers().get(f.table()))).containsExactly(30522, 384);
        assertThat(Tensors.dims(graph.initializers().get(f.projection()))).containsExactly(384, 384);
        assertThat(graph.initializers()).doesNotContainKey("embeddings.word_embeddings.weight");
        assertThat(f.residualShare()).isLessThan(1e-12);
        // And ONNX Runtime computes the same sentence embeddings, to float rounding
        Encoder encoder = MiniLmFixture.encoder();
        double difference = OrtReference.maxAbsDifference(miniLmEmbeddings,
                OrtSentences.embed(graph, encoder.pooling(), encoder.layers()));
        System.out.printf("MiniLM at rank 384: max |factorized - original| = %.3g%n", difference);
        assertThat(difference).isLessThan(1e-5);
    }

    @Test
    void shouldApproximateTheTableAsItsSingularValuesPredict() throws Exception {
        // Given all-MiniLM-L6-v2's word table
        float[] table = Tensors.toFloats(EmbeddingLookup.words(miniLm.index()).orElseThrow().table());
        Encoder encoder = MiniLmFixture.encoder();
        double previousTable = Double.MAX_VALUE;
        double previousSentence = Double.MAX_VALUE;
        for (int rank : new int[] {64, 128, 192}) {
            // When it is factorized at rank R
            OnnxGraph graph = miniLm.copy();
            Factorization f = new EmbeddingFactorizer(rank).factorize(graph);

            // Then A·B misses the table by the share of its energy beyond the first R singular values
            double measured = relativeError(table, Tensors.toFloats(graph.initializers().get(f.table())),
                    Tensors.toFloats(graph.initializers().get(f.projection())), rank, 384);
            assertThat(measured).isCloseTo(Math.sqrt(f.residualShare()), within(1e-4));
            // And the error shrinks with the rank, in the table and in the sentence embeddings
            double sentence = OrtSentences.meanCosineDistance(miniLmEmbeddings,
                    OrtSentences.embed(graph, encoder.pooling(), encoder.layers()));
            System.out.printf("MiniLM at rank %d: table relative error %.4f (predicted %.4f), values x%.3f,"
                    + " sentence embeddings mean 1 - cos %.5f%n", rank, measured, Math.sqrt(f.residualShare()),
                    f.valueRatio(), sentence);
            assertThat(measured).isLessThan(previousTable);
            assertThat(sentence).isLessThan(previousSentence);
            previousTable = measured;
            previousSentence = sentence;
        }
    }

    @Test
    void shouldFactorizeMobileBertsNarrowTableBeforeItsTrigramProjection() throws Exception {
        // Given the MobileBERT-structure fixture, whose word table is already 128 wide, read by a trigram conv
        OnnxGraph fixture = mobileBert();
        float[][] original = OrtSentences.embed(fixture, Pooling.MEAN, 1);
        String tableName = EmbeddingLookup.words(fixture.index()).orElseThrow().tableName();

        // When it is factorized at its full width, and at 64 and 32
        OnnxGraph full = fixture.copy();
        Factorization f = new EmbeddingFactorizer(128).factorize(full);
        OnnxGraph half = fixture.copy();
        new EmbeddingFactorizer(64).factorize(half);
        OnnxGraph quarter = fixture.copy();
        new EmbeddingFactorizer(32).factorize(quarter);

        // Then the full width is exact, and the narrower the factor, the further the embeddings
        assertThat(f.width()).isEqualTo(128);
        assertThat(full.initializers()).doesNotContainKey(tableName);
        assertThat(OrtReference.maxAbsDifference(original, OrtSentences.embed(full, Pooling.MEAN, 1)))
                .isLessThan(1e-5);
        double at64 = OrtSentences.meanCosineDistance(original, OrtSentences.embed(half, Pooling.MEAN, 1));
        double at32 = OrtSentences.meanCosineDistance(original, OrtSentences.embed(quarter, Pooling.MEAN, 1));
        System.out.printf("MobileBERT fixture: mean 1 - cos %.5f at rank 64, %.5f at rank 32%n", at64, at32);
        assertThat(at64).isLessThan(at32);
    }

    @Test
    void shouldRefuseARankOutsideTheTablesWidth() {
        assertThatThrownBy(() -> new EmbeddingFactorizer(0)).isInstanceOfSatisfying(FactorizationException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.RANK_OUT_OF_RANGE));
        assertThatThrownBy(() -> new EmbeddingFactorizer(385).factorize(miniLm.copy()))
                .isInstanceOfSatisfying(FactorizationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.RANK_OUT_OF_RANGE))
                .hasMessageContaining("385").hasMessageContaining("width 384");
    }

    @Test
    void shouldRefuseATableThatAnotherNodeAlsoReads() throws Exception {
        // Given a graph whose word table is also read by another node (as tied output weights would)
        OnnxGraph graph = mobileBert();
        String table = EmbeddingLookup.words(graph.index()).orElseThrow().tableName();
        graph.addNode(Nodes.node("Transpose", "tied_output", List.of(table), List.of("tied_output_weight")));

        // When it is factorized, then it is refused naming the other reader
        assertThatThrownBy(() -> new EmbeddingFactorizer(16).factorize(graph))
                .isInstanceOfSatisfying(FactorizationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.TIED_TABLE))
                .hasMessageContaining("tied_output");
    }

    @Test
    void shouldRefuseAGraphWithoutAWordLookup() {
        TinyGraph tiny = TinyGraph.withInputX();
        String y = tiny.ops.op("MatMul", "y", List.of("x", tiny.weight("w", 4, 4)));
        OnnxGraph graph = tiny.outputs(y);

        assertThatThrownBy(() -> new EmbeddingFactorizer(2).factorize(graph))
                .isInstanceOfSatisfying(FactorizationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NO_WORD_LOOKUP))
                .hasMessageContaining(EmbeddingLookup.INPUT_IDS);
    }

    @Test
    void shouldRefuseAQuantizedTableAndAFactorizedOne() throws Exception {
        // Given the fixture quantized to INT8, and the fixture already factorized
        OnnxGraph quantized = mobileBert();
        new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, Set.of()).quantize(quantized);
        OnnxGraph factorized = mobileBert();
        new EmbeddingFactorizer(64).factorize(factorized);

        // When either is factorized, then it is refused saying why
        assertThatThrownBy(() -> new EmbeddingFactorizer(16).factorize(quantized))
                .isInstanceOfSatisfying(FactorizationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.QUANTIZED_TABLE))
                .hasMessageContaining("UINT8");
        assertThatThrownBy(() -> new EmbeddingFactorizer(16).factorize(factorized))
                .isInstanceOfSatisfying(FactorizationException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.ALREADY_FACTORIZED))
                .hasMessageContaining("projection");
    }

    private static OnnxGraph mobileBert() {
        Path file = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
        assumeTrue(file != null, "the MobileBERT fixture is not present");
        return OnnxGraph.read(file);
    }

    /** {@code ‖E − A·B‖_F / ‖E‖_F}. */
    private static double relativeError(float[] e, float[] a, float[] b, int rank, int width) {
        double error = 0;
        double norm = 0;
        int rows = e.length / width;
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < width; j++) {
                double v = 0;
                for (int k = 0; k < rank; k++) {
                    v += a[r * rank + k] * b[k * width + j];
                }
                double d = e[r * width + j] - v;
                error += d * d;
                norm += (double) e[r * width + j] * e[r * width + j];
            }
        }
        return Math.sqrt(error / norm);
    }
}
