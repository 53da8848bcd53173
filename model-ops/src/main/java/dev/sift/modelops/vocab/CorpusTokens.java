package dev.sift.modelops.vocab;

import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.classifier.tokenize.TokenizedText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * The token ids a tokenizer produces on a corpus: what a pruned vocabulary must keep for those texts to tokenize
 * exactly as before. The texts go through the runtime's own tokenizer ({@link SnippetTokenizer}), so the ids are
 * those a gateway would feed the model.
 */
public final class CorpusTokens {

    /**
     * Tokens read per text: corpus texts are snippets and sentences; a longer one contributes its beginning (the gateway
     * never reads further than a bundle's max tokens either).
     */
    static final int MAX_TOKENS_PER_TEXT = 8192;

    private final BitSet used;
    private final long texts;

    private CorpusTokens(BitSet used, long texts) {
        this.used = used;
        this.texts = texts;
    }

    /**
     * Tokenizes every text with the full tokenizer.
     *
     * @param tokenizer the checked tokenizer file (its ids bound what the runtime may return)
     * @param tokenizerJson the same file, loaded by the runtime tokenizer
     * @param corpus the texts
     * @return the ids they use
     * @throws InvalidTokenizerException when the runtime tokenizer returns an id outside the vocabulary
     */
    public static CorpusTokens of(WordPieceTokenizerFile tokenizer, Path tokenizerJson, Iterable<String> corpus) {
        BitSet used = new BitSet(tokenizer.size());
        long count = 0;
        try (SnippetTokenizer runtime = SnippetTokenizer.load(tokenizerJson, MAX_TOKENS_PER_TEXT)) {
            for (String text : corpus) {
                TokenizedText tokens = runtime.encode(text);
                for (long id : tokens.ids()) {
                    if (id < 0 || id >= tokenizer.size()) {
                        throw new InvalidTokenizerException(tokenizer.source() + ": the tokenizer produced id " + id
                                + ", outside its vocabulary of " + tokenizer.size() + " tokens");
                    }
                    used.set((int) id);
                }
                count++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CorpusTokens(used, count);
    }

    /** @return the ids used (a copy) */
    public BitSet ids() {
        return (BitSet) used.clone();
    }

    /** @return the number of texts read */
    public long texts() {
        return texts;
    }
}
