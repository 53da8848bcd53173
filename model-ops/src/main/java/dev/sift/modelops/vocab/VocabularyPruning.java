package dev.sift.modelops.vocab;

import dev.sift.modelops.onnx.OnnxGraph;
import java.nio.file.Path;

/**
 * Vocabulary pruning of a bundle's encoder: keeps the WordPiece tokens a corpus needs (plus special tokens, every
 * single character and, optionally, the first ids of the vocabulary), cuts the word-embedding table to them and
 * rewrites the tokenizer to match. Texts made of the corpus's words tokenize to the same tokens as before and get
 * the same embeddings; other words are spelled in the smaller pieces that were kept, never as the unknown token
 * when the full vocabulary had none for them.
 *
 * <p>Chosen once ({@link #choose}), then applied to any number of graphs exported with the same tokenizer
 * ({@link #prune}): FP32, pruned or quantized candidates alike.
 */
public final class VocabularyPruning {

    private final WordPieceTokenizerFile tokenizer;
    private final VocabularySelection selection;
    private final long corpusTexts;

    private VocabularyPruning(WordPieceTokenizerFile tokenizer, VocabularySelection selection, long corpusTexts) {
        this.tokenizer = tokenizer;
        this.selection = selection;
        this.corpusTexts = corpusTexts;
    }

    /**
     * Chooses the kept tokens.
     *
     * @param tokenizerJson the full {@code tokenizer.json} (untrusted: checked)
     * @param corpus texts whose tokens must all be kept (training data and general text)
     * @param floorIds keep every id below this too (0: none)
     * @return the pruning, ready to apply
     * @throws InvalidTokenizerException when the tokenizer file cannot be pruned
     */
    public static VocabularyPruning choose(Path tokenizerJson, Iterable<String> corpus, int floorIds) {
        WordPieceTokenizerFile tokenizer = WordPieceTokenizerFile.read(tokenizerJson);
        CorpusTokens used = CorpusTokens.of(tokenizer, tokenizerJson, corpus);
        return new VocabularyPruning(tokenizer, VocabularySelection.choose(tokenizer, used.ids(), floorIds),
                used.texts());
    }

    /**
     * Cuts a graph's word-embedding table to the kept tokens, in place.
     *
     * @param graph a graph exported with this tokenizer (FP32 or quantized)
     * @throws IllegalArgumentException when the graph's token lookup cannot be remapped
     */
    public void prune(OnnxGraph graph) {
        EmbeddingRemapper.remap(graph, selection.kept());
    }

    /**
     * Writes the pruned tokenizer.
     *
     * @param target the file to write
     * @return the file
     */
    public Path writeTokenizer(Path target) {
        return TokenizerRewriter.write(tokenizer, selection.kept(), target);
    }

    /** @return which tokens are kept, and why */
    public VocabularySelection selection() {
        return selection;
    }

    /** @return the kept tokens */
    public KeptTokens kept() {
        return selection.kept();
    }

    /** @return the number of corpus texts the choice was made on */
    public long corpusTexts() {
        return corpusTexts;
    }

    /** @return one line for a bundle's provenance and the command's output */
    public String describe() {
        return String.format(java.util.Locale.ROOT,
                "%,d of %,d WordPiece tokens (%,d special, %,d single characters, %,d more from %,d corpus texts, "
                        + "%,d more from the first-ids floor)", selection.kept().size(), tokenizer.size(),
                selection.special(), selection.characters(), selection.corpus(), corpusTexts, selection.floor());
    }
}
