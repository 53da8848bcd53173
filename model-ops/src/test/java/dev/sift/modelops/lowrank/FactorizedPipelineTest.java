package dev.sift.modelops.lowrank;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.modelops.bundle.BundleSizes;
import dev.sift.modelops.encoder.Encoder;
import dev.sift.modelops.finetune.OrtReference;
import dev.sift.modelops.onnx.EmbeddingLookup;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.WordProjection;
import dev.sift.modelops.optimize.DynamicQuantizer;
import dev.sift.modelops.vocab.EmbeddingRemapper;
import dev.sift.modelops.vocab.KeptTokens;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rest of the pipeline takes a factorized graph: the factor table is the word table (for fine-tuning's freeze,
 * vocabulary pruning and the quantizer), the projection a weight MatMul, and both count as word embeddings.
 */
class FactorizedPipelineTest {

    private static final int RANK = 128;

    private static OnnxGraph original;
    private static OnnxGraph factorized;
    private static Factorization factorization;
    private static float[][] factorizedEmbeddings;

    @BeforeAll
    static void factorizeMiniLm() throws Exception {
        Encoder encoder = MiniLmFixture.encoder();
        original = OnnxGraph.read(encoder.onnx());
        factorized = original.copy();
        factorization = new EmbeddingFactorizer(RANK).factorize(factorized);
        factorizedEmbeddings = OrtSentences.embed(factorized, encoder.pooling(), encoder.layers());
    }

    @Test
    void shouldFindTheFactorAsTheWordTableAndTheProjectionAsAWeightMatMul() {
        // Given MiniLM factorized at rank 128
        var index = factorized.index();

        // When the patterns the pipeline relies on are matched
        EmbeddingLookup words = EmbeddingLookup.words(index).orElseThrow();

        // Then the word lookup reads the factor, and the projection follows it as a quantizable MatMul
        assertThat(words.tableName()).isEqualTo(factorization.table());
        assertThat(words.width()).isEqualTo(RANK);
        assertThat(WordProjection.of(index, words).orElseThrow().weights())
                .containsExactly(factorization.projection());
        assertThat(DynamicQuantizer.quantizableMatMuls(factorized))
                .hasSize(DynamicQuantizer.quantizableMatMuls(original).size() + 1);
        assertThat(WordProjection.of(original.index(), EmbeddingLookup.words(original.index()).orElseThrow()))
                .isEmpty();
    }

    @Test
    void shouldCutTheFactorsRowsWhenTheVocabularyIsPruned() throws Exception {
        // Given the factorized graph, and a vocabulary that drops the last 1,522 ids, none of which the texts use
        try (SnippetTokenizer tokenizer = SnippetTokenizer.load(MiniLmFixture.encoder().tokenizer(), 64)) {
            assertThat(tokenizer.encodeAll(OrtSentences.TEXTS).stream()
                    .flatMapToLong(e -> java.util.Arrays.stream(e.ids())).max().orElseThrow()).isLessThan(29000);
        }
        OnnxGraph pruned = factorized.copy();
        KeptTokens kept = new KeptTokens(30522, IntStream.range(0, 29000).toArray());

        // When the vocabulary is pruned
        EmbeddingRemapper.remap(pruned, kept);

        // Then the factor loses the rows, the projection is untouched, and the texts embed exactly as before
        assertThat(pruned.initializers().get(factorization.table()).getDimsList()).containsExactly(29000L,
                (long) RANK);
        assertThat(pruned.initializers().get(factorization.projection()))
                .isEqualTo(factorized.initializers().get(factorization.projection()));
        Encoder encoder = MiniLmFixture.encoder();
        assertThat(OrtReference.maxAbsDifference(factorizedEmbeddings,
                OrtSentences.embed(pruned, encoder.pooling(), encoder.layers()))).isZero();
    }

    @Test
    void shouldQuantizeTheFactorAsATableAndTheProjectionAsAWeight() throws Exception {
        // Given the factorized graph
        OnnxGraph quantized = factorized.copy();

        // When it is quantized to INT8 as the search quantizes
        Map<String, Integer> counts = new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, Set.of())
                .quantize(quantized);

        // Then the factor is a uint8 table, the projection an int8 weight, and the embeddings stay close
        Map<String, TensorProto> init = quantized.initializers();
        assertThat(counts.get("embeddings")).isEqualTo(3);
        assertThat(counts.get("matmuls")).isEqualTo(DynamicQuantizer.quantizableMatMuls(factorized).size());
        assertThat(init.get(factorization.table() + "_quantized").getDataType())
                .isEqualTo(TensorProto.DataType.UINT8_VALUE);
        assertThat(init.get(factorization.projection() + "_quantized").getDataType())
                .isEqualTo(TensorProto.DataType.INT8_VALUE);
        Encoder encoder = MiniLmFixture.encoder();
        double distance = OrtSentences.meanCosineDistance(factorizedEmbeddings,
                OrtSentences.embed(quantized, encoder.pooling(), encoder.layers()));
        OnnxGraph quantizedOriginal = original.copy();
        new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, Set.of()).quantize(quantizedOriginal);
        double originalDistance = OrtSentences.meanCosineDistance(
                OrtSentences.embed(original, encoder.pooling(), encoder.layers()),
                OrtSentences.embed(quantizedOriginal, encoder.pooling(), encoder.layers()));
        OnnxGraph projectionInFp32 = factorized.copy();
        String projectionNode = factorized.index().consumers(factorization.projection()).get(0).getName();
        new DynamicQuantizer(false, DynamicQuantizer.Embeddings.ASYMMETRIC, Set.of(projectionNode))
                .quantize(projectionInFp32);
        double fp32ProjectionDistance = OrtSentences.meanCosineDistance(factorizedEmbeddings,
                OrtSentences.embed(projectionInFp32, encoder.pooling(), encoder.layers()));
        System.out.printf("MiniLM INT8 against FP32: mean 1 - cos %.5f at rank %d (%.5f with an FP32 projection),"
                + " %.5f with the full table%n", distance, RANK, fp32ProjectionDistance, originalDistance);
        assertThat(distance).isLessThan(0.02);
        // And the bundle's sizes count the factor and the projection, with their scales, as word embeddings
        BundleSizes sizes = BundleSizes.of(quantized, encoder.tokenizer());
        long expected = List.of(factorization.table() + "_quantized", factorization.table() + "_scale",
                factorization.table() + "_zero_point", factorization.projection() + "_quantized",
                factorization.projection() + "_scale", factorization.projection() + "_zero_point").stream()
                .mapToLong(n -> init.get(n).getSerializedSize()).sum();
        System.out.printf("MiniLM rank %d, INT8: word embeddings %,d bytes%n", RANK,
                sizes.parts().get(BundleSizes.WORD_EMBEDDINGS));
        assertThat(sizes.parts().get(BundleSizes.WORD_EMBEDDINGS)).isEqualTo(expected);
    }

    @Test
    void shouldCountTheProjectionAsWordEmbeddingsInFp32() {
        // Given the original and the factorized graph
        Encoder encoder = MiniLmFixture.encoder();

        // When their parts are sized
        BundleSizes before = BundleSizes.of(original, encoder.tokenizer());
        BundleSizes after = BundleSizes.of(factorized, encoder.tokenizer());

        // Then the factor and the projection are the word embeddings, and the layers weigh what they did
        Map<String, TensorProto> init = factorized.initializers();
        assertThat(after.parts().get(BundleSizes.WORD_EMBEDDINGS)).isEqualTo(
                (long) init.get(factorization.table()).getSerializedSize()
                        + init.get(factorization.projection()).getSerializedSize());
        assertThat(after.parts().get(BundleSizes.ENCODER_LAYERS))
                .isEqualTo(before.parts().get(BundleSizes.ENCODER_LAYERS));
        System.out.printf("MiniLM FP32 word embeddings: %,d bytes full, %,d at rank %d%n",
                before.parts().get(BundleSizes.WORD_EMBEDDINGS), after.parts().get(BundleSizes.WORD_EMBEDDINGS),
                RANK);
    }
}
