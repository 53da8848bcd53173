package dev.sift.classifier.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Properties of tokenization on any text a platform could send: any UTF-16 (lone surrogates, control and zero-width
 * characters, emoji sequences, mixed scripts, one endless token): the tokenizer never fails, always frames the ids
 * with [CLS] ... [SEP], never exceeds the model's max tokens, and says when it cut.
 */
class SnippetTokenizerFuzzTest {

    private static final int MAX_TOKENS = 32;
    private static final long CLS = 101;
    private static final long SEP = 102;
    private static SnippetTokenizer tokenizer;

    @BeforeContainer
    static void load() throws IOException {
        Path file = Files.createTempFile("tokenizer", ".json");
        try (InputStream in = SnippetTokenizerFuzzTest.class.getClassLoader()
                .getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        tokenizer = SnippetTokenizer.load(file, MAX_TOKENS);
    }

    @AfterContainer
    static void close() {
        tokenizer.close();
    }

    @Property(tries = 3000)
    void shouldFrameAndBoundTheIdsOfAnyText(@ForAll("texts") String text) {
        TokenizedText tokens = tokenizer.encode(text);

        assertThat(tokens.length()).isBetween(2, MAX_TOKENS);
        assertThat(tokens.ids()[0]).isEqualTo(CLS);
        assertThat(tokens.ids()[tokens.length() - 1]).isEqualTo(SEP);
        assertThat(tokens.typeIds()).hasSize(tokens.length());
        assertThat(tokens.tokenCount()).isGreaterThanOrEqualTo(tokens.truncated() ? MAX_TOKENS : tokens.length());
        if (tokens.length() < MAX_TOKENS) {
            assertThat(tokens.truncated()).isFalse();
        }
    }

    @Property(tries = 300)
    void shouldTokenizeABatchAsItTokenizesEachText(@ForAll("batches") List<String> texts) {
        List<TokenizedText> batch = tokenizer.encodeAll(texts);

        assertThat(batch).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(batch.get(i).ids()).isEqualTo(tokenizer.encode(texts.get(i)).ids());
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> anyChar = Arbitraries.chars().map(String::valueOf);
        Arbitrary<String> anyCodePoint = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .map(Character::toString);
        Arbitrary<String> words = Arbitraries.of("refund", "my", "card", "was", "declined", "ужасный", "服务",
                "很差", "لا", "أعمل", "😡", "👩‍👩‍👧", "\u200B", "\u200D", "\uFEFF", "\u0000", "\u0007", "\u202E", " ",
                "\n", "\t");
        Arbitrary<String> endlessToken = Arbitraries.strings().alpha().ofMinLength(200).ofMaxLength(3000);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, anyChar), net.jqwik.api.Tuple.of(3, anyCodePoint),
                        net.jqwik.api.Tuple.of(6, words), net.jqwik.api.Tuple.of(1, endlessToken))
                .list().ofMaxSize(80).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<List<String>> batches() {
        return texts().list().ofMinSize(1).ofMaxSize(8);
    }
}
