package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.sift.schema.ConversationSnippet;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Properties of the snippet decoding path, on generated and mutated input: whatever the bytes, the decoder either
 * returns a snippet or throws a {@link SerializationException} with a reason (which is what the dead-letter handler
 * records); it never throws anything else, never hangs, and never hands on a text that differs from the one written.
 */
class SnippetDecodingFuzzTest {

    private final AvroSerde<ConversationSnippet> snippets = AvroSerde.of(ConversationSnippet.class);

    @Property(tries = 2000)
    void shouldDecodeOrExplainAnyBytes(@ForAll @Size(max = 300) byte[] bytes) {
        assertDecodesOrExplains(bytes);
    }

    @Property(tries = 2000)
    void shouldDecodeOrExplainAnyBytesAfterAValidHeader(@ForAll @Size(max = 300) byte[] body) {
        byte[] valid = snippets.serialize("t", Fixtures.snippet());
        byte[] bytes = Arrays.copyOf(valid, 10 + body.length);
        System.arraycopy(body, 0, bytes, 10, body.length);

        assertDecodesOrExplains(bytes);
    }

    @Property(tries = 3000)
    void shouldDecodeOrExplainAValidRecordWithCorruptedBytes(@ForAll @IntRange(min = 10, max = 10_000) int position,
            @ForAll byte value, @ForAll @IntRange(min = 0, max = 400) int cut) {
        // Given a valid record with one byte changed (never the header: that path is covered above) and maybe cut
        byte[] bytes = snippets.serialize("t", Fixtures.snippet());
        bytes[position % bytes.length < 10 ? 10 : position % bytes.length] = value;
        byte[] mutated = Arrays.copyOf(bytes, Math.max(10, bytes.length - cut % bytes.length));

        // Then
        assertDecodesOrExplains(mutated);
    }

    @Property(tries = 1000)
    void shouldRoundTripAnyUnicodeText(@ForAll("texts") String text) {
        ConversationSnippet snippet = Fixtures.snippet();
        snippet.setText(text);

        assertThat(snippets.deserialize("t", snippets.serialize("t", snippet)).getText()).isEqualTo(text);
    }

    @Property(tries = 1000)
    void shouldNeverHandOnATextThatWasNotWritten(@ForAll @Size(min = 1, max = 40) byte[] textBytes) {
        // Given any bytes as the text's content, valid UTF-8 or not
        ConversationSnippet snippet = Fixtures.snippet();
        snippet.setText("#".repeat(textBytes.length));
        byte[] bytes = snippets.serialize("t", snippet);
        int at = AvroSerdeTest.indexOf(bytes, snippet.getText().getBytes(StandardCharsets.UTF_8));
        System.arraycopy(textBytes, 0, bytes, at, textBytes.length);

        // When
        ConversationSnippet decoded;
        try {
            decoded = snippets.deserialize("t", bytes);
        } catch (SerializationException refused) {
            assertThat(refused).hasMessageContaining("not valid UTF-8");
            return;
        }

        // Then what was decoded is exactly those bytes
        assertThat(decoded.getText().getBytes(StandardCharsets.UTF_8)).isEqualTo(textBytes);
    }

    @Provide
    Arbitrary<String> texts() {
        // Any code point but lone surrogates (which no UTF-8 text can hold), with emoji and zero-width ones favoured
        Arbitrary<String> anyCodePoint = Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .map(Character::toString);
        Arbitrary<String> odd = Arbitraries.of("😡", "👍🏽", "👩‍👩‍👧", "\u200B", "\u200D", "\uFEFF", "\u0000", "\u202E");
        return Arbitraries.oneOf(anyCodePoint, odd).list().ofMaxSize(120).map(parts -> String.join("", parts));
    }

    private void assertDecodesOrExplains(byte[] bytes) {
        assertThatCode(() -> {
            try {
                snippets.deserialize("t", bytes);
            } catch (SerializationException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }).doesNotThrowAnyException();
    }
}
