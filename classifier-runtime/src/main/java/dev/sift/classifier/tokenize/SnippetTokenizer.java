package dev.sift.classifier.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import dev.sift.classifier.ResourceGuard;

/**
 * The Hugging Face tokenizer of a bundle ({@code tokenizer.json}, through DJL's native binding), set for
 * classification: special tokens added, truncation at the bundle's max tokens, and <em>no</em> padding, whatever
 * the file says (padding is per batch, to the longest member; see {@link PaddedBatch}).
 *
 * <p>Thread-safe. {@link #close()} frees the native tokenizer once, after in-flight calls finish.
 */
public final class SnippetTokenizer implements AutoCloseable {

    /** WordPiece turns a word of more than 100 characters into one unknown token. */
    private static final int MAX_CHARS_PER_TOKEN = 102;
    /** Average characters per LLM token in English text, to estimate the tokens of a truncated text. */
    private static final double CHARS_PER_LLM_TOKEN = 4.0;

    private final HuggingFaceTokenizer tokenizer;
    private final int maxTokens;
    private final int maxChars;
    private final ResourceGuard guard = new ResourceGuard("tokenizer");

    private SnippetTokenizer(HuggingFaceTokenizer tokenizer, int maxTokens) {
        this.tokenizer = tokenizer;
        this.maxTokens = maxTokens;
        this.maxChars = maxTokens * MAX_CHARS_PER_TOKEN;
    }

    /**
     * Loads a {@code tokenizer.json}.
     *
     * @param tokenizerJson the Hugging Face tokenizer definition
     * @param maxTokens tokens per text including special tokens
     * @return the tokenizer
     * @throws IOException when the file cannot be read or parsed
     */
    public static SnippetTokenizer load(Path tokenizerJson, int maxTokens) throws IOException {
        try {
            HuggingFaceTokenizer tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(tokenizerJson)
                    .optAddSpecialTokens(true)
                    .optPadding(false)
                    .optTruncation(true)
                    .optMaxLength(maxTokens)
                    .build();
            return new SnippetTokenizer(tokenizer, maxTokens);
        } catch (RuntimeException e) {
            throw new IOException("cannot load tokenizer " + tokenizerJson + ": " + e.getMessage(), e);
        }
    }

    /** @return tokens per text, special tokens included */
    public int maxTokens() {
        return maxTokens;
    }

    /**
     * Tokenizes one text.
     *
     * @param text any text, possibly empty or huge
     * @return its ids, truncated to the max tokens
     */
    public TokenizedText encode(String text) {
        return guard.use(() -> encodeOpen(text));
    }

    /**
     * Tokenizes texts one by one on the calling thread (the native batch call would start a thread pool of its own,
     * which a 2-core gateway cannot spare).
     *
     * @param texts the texts
     * @return one tokenized text per input, in order
     */
    public List<TokenizedText> encodeAll(List<String> texts) {
        return guard.use(() -> {
            List<TokenizedText> out = new ArrayList<>(texts.size());
            for (String text : texts) {
                out.add(encodeOpen(text));
            }
            return out;
        });
    }

    private TokenizedText encodeOpen(String text) {
        String safe = withoutLoneSurrogates(text == null ? "" : text);
        // Tokenizing all of a multi-megabyte text would cost what the model does: only a head that surely holds
        // max-tokens tokens is read. Characters the tokenizer drops (control, zero-width, combining marks) make
        // no tokens, so a head that still falls short grows until it fills the model or covers the text: padding
        // a message with invisible characters must not push its words out of what the model sees.
        int window = maxChars;
        boolean cut;
        Encoding encoding;
        while (true) {
            cut = safe.length() > window;
            encoding = tokenizer.encode(cut ? safe.substring(0, window) : safe);
            if (!cut || encoding.getIds().length >= maxTokens) {
                break;
            }
            window = (int) Math.min(Integer.MAX_VALUE - 8, window * 4L);
        }
        long[] ids = encoding.getIds();
        boolean truncated = encoding.exceedMaxLength() || (cut && !safe.substring(window).isBlank());
        int tokenCount = truncated
                ? Math.max(maxTokens, (int) Math.ceil(safe.length() / CHARS_PER_LLM_TOKEN))
                : ids.length;
        return new TokenizedText(ids, encoding.getTypeIds(), tokenCount, truncated);
    }

    /** The native tokenizer expects valid UTF-16; a lone surrogate becomes U+FFFD. */
    private static String withoutLoneSurrogates(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                return replaceLoneSurrogates(text);
            }
        }
        return text;
    }

    private static String replaceLoneSurrogates(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        guard.close(tokenizer::close);
    }
}
