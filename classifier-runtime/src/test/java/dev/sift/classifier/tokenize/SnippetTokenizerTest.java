package dev.sift.classifier.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tokenizer of all-MiniLM-L6-v2, whose file says "pad everything to 128": we must not. */
class SnippetTokenizerTest {

    private static SnippetTokenizer tokenizer;

    @BeforeAll
    static void load() throws IOException {
        Path file = Files.createTempFile("tokenizer", ".json");
        try (InputStream in = SnippetTokenizerTest.class.getClassLoader()
                .getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        tokenizer = SnippetTokenizer.load(file, 16);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    @Test
    void shouldNotPadShortSnippets() {
        TokenizedText text = tokenizer.encode("hello world");

        assertThat(text.length()).isEqualTo(4);
        assertThat(text.ids()[0]).isEqualTo(101);
        assertThat(text.ids()[3]).isEqualTo(102);
        assertThat(text.truncated()).isFalse();
    }

    @Test
    void shouldTruncateAtMaxTokensAndFlagIt() {
        TokenizedText text = tokenizer.encode("one two three four five six seven eight nine ten eleven twelve "
                + "thirteen fourteen fifteen sixteen seventeen eighteen");

        assertThat(text.length()).isEqualTo(16);
        assertThat(text.ids()[15]).isEqualTo(102);
        assertThat(text.truncated()).isTrue();
        assertThat(text.tokenCount()).isGreaterThanOrEqualTo(16);
    }

    @Test
    void shouldCutAHugeTextBeforeTokenizingItAll() {
        String huge = "word ".repeat(2_000_000);

        long start = System.nanoTime();
        TokenizedText text = tokenizer.encode(huge);

        assertThat(text.truncated()).isTrue();
        assertThat(text.length()).isEqualTo(16);
        assertThat(text.tokenCount()).isGreaterThan(1_000_000);
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void shouldSurviveLoneSurrogatesControlCharactersAndEmptyText() {
        assertThat(tokenizer.encode("\uD800 broken \u0000\u200B text").length()).isGreaterThan(2);
        assertThat(tokenizer.encode("").length()).isEqualTo(2);
    }

    @Test
    void shouldNotLetInvisiblePaddingPushTheWordsOutOfTheModelsView() {
        // Given a message behind 20,000 zero-width characters, which make no tokens
        String padded = "\u200B".repeat(20_000) + "cancel my subscription";

        // When
        TokenizedText text = tokenizer.encode(padded);

        // Then the model sees the words, and nothing was cut
        assertThat(text.ids()).containsSubsequence(tokenizer.encode("cancel my subscription").ids()[1]);
        assertThat(text.truncated()).isFalse();
    }

    @Test
    void shouldPadABatchOnlyToItsLongestMember() {
        PaddedBatch batch = PaddedBatch.of(tokenizer.encodeAll(List.of("hi", "my card was declined twice")));

        assertThat(batch.length()).isEqualTo(tokenizer.encode("my card was declined twice").length());
        assertThat(batch.attentionMask()).containsSubsequence(1L, 1L, 1L, 0L);
    }
}
