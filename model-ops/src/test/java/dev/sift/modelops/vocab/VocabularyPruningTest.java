package dev.sift.modelops.vocab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.classifier.tokenize.TokenizedText;
import dev.sift.modelops.SharedFixtures;
import dev.sift.modelops.bundle.BundleSizes;
import dev.sift.modelops.onnx.MiniLmFixture;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.onnx.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vocabulary pruning of a graph with MobileBERT's structure (random weights, bert-base-uncased's 30,522-token
 * vocabulary) with all-MiniLM-L6-v2's tokenizer (the same vocabulary).
 */
class VocabularyPruningTest {

    private static final List<String> CORPUS = List.of(
            "my card was declined at the shop", "where is my parcel? it has not arrived",
            "I want my money back, please refund the last order", "can you book a table for two at 7pm",
            "the app keeps crashing when I log in", "thanks, that is all for today");
    /** Plain English whose longer words the corpus never uses. */
    private static final String UNSEEN = "Quarterly reconciliation of pharmaceutical invoices overwhelmed "
            + "Bartholomew's accountants yesterday afternoon.";

    private static Path fixture;

    @TempDir
    Path temp;

    @BeforeAll
    static void findFixture() {
        fixture = SharedFixtures.find("models/mobilebert-random/mobilebert-random-2l-encoder.onnx").orElse(null);
    }

    @Test
    void shouldKeepEveryTokenTheCorpusUsesAndGiveTheFullModelsEmbeddingsForCorpusTexts() throws Exception {
        assumeTrue(fixture != null, "the MobileBERT fixture is not present");
        // Given an encoder, its tokenizer and a small corpus
        Path fullTokenizer = MiniLmFixture.encoder().tokenizer();
        OnnxGraph full = OnnxGraph.read(fixture);
        float[] fullTable = Tensors.toFloats(full.initializers().get("embeddings.word_embeddings.weight"));

        // When the vocabulary is pruned to the corpus
        VocabularyPruning pruning = VocabularyPruning.choose(fullTokenizer, CORPUS, 0);
        OnnxGraph pruned = full.copy();
        pruning.prune(pruned);
        Path prunedTokenizer = pruning.writeTokenizer(temp.resolve("tokenizer.json"));
        System.out.println("pruned to " + pruning.describe());

        // Then far fewer rows remain, each the full table's row of the same token
        KeptTokens kept = pruning.kept();
        assertThat(kept.originalSize()).isEqualTo(30522);
        assertThat(kept.size()).isLessThan(3000);
        float[] table = Tensors.toFloats(pruned.initializers().get("embeddings.word_embeddings.weight"));
        int width = fullTable.length / kept.originalSize();
        assertThat(table).hasSize(kept.size() * width);
        for (int newId = 0; newId < kept.size(); newId++) {
            assertThat(Arrays.copyOfRange(table, newId * width, (newId + 1) * width)).containsExactly(
                    Arrays.copyOfRange(fullTable, kept.oldId(newId) * width, (kept.oldId(newId) + 1) * width));
        }

        try (SnippetTokenizer before = SnippetTokenizer.load(fullTokenizer, 64);
             SnippetTokenizer after = SnippetTokenizer.load(prunedTokenizer, 64)) {
            // And every corpus text tokenizes to the same tokens, one to one under the new ids
            List<TokenizedText> fullIds = before.encodeAll(CORPUS);
            List<TokenizedText> prunedIds = after.encodeAll(CORPUS);
            for (int i = 0; i < CORPUS.size(); i++) {
                long[] expected = Arrays.stream(fullIds.get(i).ids()).map(id -> kept.newId((int) id)).toArray();
                assertThat(prunedIds.get(i).ids()).as(CORPUS.get(i)).containsExactly(expected);
            }

            // And the pruned graph with the pruned tokenizer computes the full model's embeddings
            float[][] expected = embed(full, fullIds);
            float[][] actual = embed(pruned, prunedIds);
            double difference = maxAbsDifference(expected, actual);
            System.out.printf("corpus texts: max |full - pruned| embedding difference %.3g%n", difference);
            assertThat(difference).isLessThan(1e-6);
        }

        // And the size report sees the smaller word table, its parts adding up to the files
        BundleSizes before = BundleSizes.of(full, fullTokenizer);
        BundleSizes after = BundleSizes.of(pruned, prunedTokenizer);
        assertThat(after.parts().get(BundleSizes.WORD_EMBEDDINGS))
                .isLessThan(before.parts().get(BundleSizes.WORD_EMBEDDINGS) / 10);
        assertThat(after.parts().get(BundleSizes.ENCODER_LAYERS)).isEqualTo(before.parts().get(BundleSizes.ENCODER_LAYERS));
        assertThat(after.total()).isEqualTo(pruned.toBytes().length + Files.size(prunedTokenizer));
    }

    @Test
    void shouldSpellWordsOutsideTheCorpusInSmallerPiecesWithoutUnknownTokens() throws Exception {
        // Given a vocabulary pruned to a small corpus that never uses the longer words of an English sentence
        Path fullTokenizer = MiniLmFixture.encoder().tokenizer();
        VocabularyPruning pruning = VocabularyPruning.choose(fullTokenizer, CORPUS, 0);
        Path prunedTokenizer = pruning.writeTokenizer(temp.resolve("tokenizer.json"));
        WordPieceTokenizerFile prunedFile = WordPieceTokenizerFile.read(prunedTokenizer);

        try (SnippetTokenizer before = SnippetTokenizer.load(fullTokenizer, 128);
             SnippetTokenizer after = SnippetTokenizer.load(prunedTokenizer, 128)) {
            // When the sentence is tokenized with both vocabularies
            long[] fullIds = before.encode(UNSEEN).ids();
            long[] prunedIds = after.encode(UNSEEN).ids();
            System.out.printf("unseen sentence: %d tokens with the full vocabulary, %d with the pruned one%n",
                    fullIds.length, prunedIds.length);

            // Then neither has an unknown token: the dropped words are spelled in kept pieces
            int fullUnknown = WordPieceTokenizerFile.read(fullTokenizer).unknownId();
            assertThat(fullIds).doesNotContain(fullUnknown);
            assertThat(prunedIds).doesNotContain(prunedFile.unknownId());
            assertThat(prunedIds.length).isGreaterThan(fullIds.length);
            // And the special tokens still frame it, under their new ids
            assertThat(prunedFile.token((int) prunedIds[0])).isEqualTo("[CLS]");
            assertThat(prunedFile.token((int) prunedIds[prunedIds.length - 1])).isEqualTo("[SEP]");
        }
    }

    @Test
    void shouldRenumberEverySpecialTokenReferenceOfTheTokenizerFile() throws Exception {
        // Given the full tokenizer, whose added tokens, post-processor and padding name tokens by id
        Path fullTokenizer = MiniLmFixture.encoder().tokenizer();
        WordPieceTokenizerFile full = WordPieceTokenizerFile.read(fullTokenizer);

        // When it is pruned with a floor of the first 3,000 ids
        VocabularyPruning pruning = VocabularyPruning.choose(fullTokenizer, CORPUS, 3000);
        WordPieceTokenizerFile pruned = WordPieceTokenizerFile.read(pruning.writeTokenizer(temp.resolve("t.json")));

        // Then each special token keeps its text under its new id, everywhere the file names it
        var root = pruned.json();
        for (var added : root.get("added_tokens")) {
            assertThat(pruned.token(added.get("id").intValue())).isEqualTo(added.get("content").asText());
        }
        assertThat(pruned.token(root.at("/post_processor/special_tokens/[CLS]/ids/0").intValue())).isEqualTo("[CLS]");
        assertThat(pruned.token(root.at("/post_processor/special_tokens/[SEP]/ids/0").intValue())).isEqualTo("[SEP]");
        assertThat(pruned.token(root.at("/padding/pad_id").intValue())).isEqualTo("[PAD]");
        assertThat(pruned.token(pruned.unknownId())).isEqualTo("[UNK]");
        // And the floor kept the first ids' words, but not the [unused] entries text can never produce
        assertThat(pruning.selection().floor()).isPositive();
        assertThat(pruning.kept().newId(full.size() - 1)).isGreaterThanOrEqualTo(0); // '##～', a single character
        assertThat(pruning.kept().newId(2000)).isGreaterThanOrEqualTo(0);
        assertThat(pruning.kept().newId(1)).isEqualTo(-1); // [unused0]
    }

    private static float[][] embed(OnnxGraph encoder, List<TokenizedText> texts) throws Exception {
        OnnxGraph sentence = encoder.copy();
        SentenceEmbeddingGraph.append(sentence, Pooling.MEAN, 1);
        try (OnnxModel model = new OnnxModel(sentence.toBytes(), InferenceSettings.defaults())) {
            return model.run(PaddedBatch.of(texts), List.of(SentenceEmbeddingGraph.OUTPUT))
                    .get(SentenceEmbeddingGraph.OUTPUT);
        }
    }

    private static double maxAbsDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
