package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/**
 * Specifications of the decoding limits: a record that would expand beyond them is refused before it is decoded,
 * with a reason naming the field and the limit, and costs no more than a walk over its bytes.
 */
class DecodingLimitsTest {

    private static final DecodingLimits SMALL = new DecodingLimits(64 * 1024, 1_000, 10, 15, "sift.input.");

    private final AvroSerde<ConversationSnippet> snippets = AvroSerde.of(ConversationSnippet.class, SMALL);
    private final AvroSerde<ConversationSnippet> writer = AvroSerde.of(ConversationSnippet.class);

    @Test
    void shouldRefuseCountlessEmptyBrandHintsBeforeDecodingThemWithTheDefaultLimits() {
        // Given a record of 8 million empty brand hints, one byte each on the wire (it decodes to ~230 MiB)
        ConversationSnippet bomb = Fixtures.snippet();
        bomb.setBrandHints(Collections.nCopies(8_000_000, ""));
        byte[] bytes = writer.serialize("t", bomb);
        AvroSerde<ConversationSnippet> reader = AvroSerde.of(ConversationSnippet.class);

        // When it is read, Then it is refused by its item count, having allocated next to nothing
        long allocated = HeapAllocation.during(() -> assertThatThrownBy(() -> reader.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("ConversationSnippet record has more than 10000 items in brandHints: refused before"
                        + " decoding (max-collection-items)"));
        assertThat(allocated).as("bytes allocated to refuse it").isLessThan(256 * 1024);
    }

    @Test
    void shouldDecodeARecordAtEveryLimitAndRefuseOneItemMore() {
        // Given a snippet with exactly 10 brand hints and 5 metadata entries (15 items in all)
        ConversationSnippet atLimits = Fixtures.snippet();
        atLimits.setBrandHints(Collections.nCopies(10, "b"));
        atLimits.setMetadata(entries(5));
        atLimits.setText("x".repeat(1_000));

        // Then it decodes
        assertThat(snippets.deserialize("t", writer.serialize("t", atLimits))).isEqualTo(atLimits);

        // And one brand hint more is refused, as is one metadata entry more (16 items in all)
        atLimits.setBrandHints(Collections.nCopies(11, "b"));
        assertThatThrownBy(() -> snippets.deserialize("t", writer.serialize("t", atLimits)))
                .hasMessageContaining("more than 10 items in brandHints")
                .hasMessageContaining("(sift.input.max-collection-items)");
        atLimits.setBrandHints(Collections.nCopies(10, "b"));
        atLimits.setMetadata(entries(6));
        assertThatThrownBy(() -> snippets.deserialize("t", writer.serialize("t", atLimits)))
                .hasMessageContaining("more than 15 collection items in all, reached in metadata")
                .hasMessageContaining("(sift.input.max-total-items)");
    }

    @Test
    void shouldRefuseAStringBeyondTheLimitNamingItsField() {
        ConversationSnippet snippet = Fixtures.snippet();
        snippet.getSpeaker().setDisplayName("n".repeat(1_001));

        assertThatThrownBy(() -> snippets.deserialize("t", writer.serialize("t", snippet)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("ConversationSnippet record has a string of 1001 bytes in speaker.displayName: refused"
                        + " before decoding (sift.input.max-string-bytes is 1000)");
    }

    @Test
    void shouldRefuseAMetadataKeyBeyondTheStringLimit() {
        ConversationSnippet snippet = Fixtures.snippet();
        snippet.setMetadata(Map.of("k".repeat(2_000), "v"));

        assertThatThrownBy(() -> snippets.deserialize("t", writer.serialize("t", snippet)))
                .hasMessageContaining("a string of 2000 bytes in metadata");
    }

    @Test
    void shouldRefuseARecordLargerThanTheLimitWithoutLookingInside() {
        ConversationSnippet snippet = Fixtures.snippet();
        snippet.setMetadata(Map.of("notes", "n".repeat(900), "more", "m".repeat(900)));
        snippet.setText("t".repeat(64 * 1024));
        byte[] bytes = writer.serialize("t", snippet);

        assertThatThrownBy(() -> snippets.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessage("ConversationSnippet record of " + bytes.length + " bytes is larger than"
                        + " sift.input.max-record-bytes (65536): refused before decoding");
    }

    @Test
    void shouldRefuseACollectionThatAnnouncesMoreItemsThanItHolds() throws Exception {
        // Given a record whose brand hints announce 2^40 items and end there: Avro's reader would size an array by it
        byte[] bytes = snippetWithBrandHintsBlock(1L << 40);


        // Then the count alone refuses it
        assertThatThrownBy(() -> snippets.deserialize("t", bytes))
                .hasMessageContaining("more than 10 items in brandHints");
        assertThatThrownBy(() -> AvroSerde.of(ConversationSnippet.class).deserialize("t", bytes))
                .hasMessageContaining("more than 10000 items in brandHints");
    }

    @Test
    void shouldRefuseANegativeItemCountAsCorrupt() throws Exception {
        // Given a block count of Long.MIN_VALUE (negative counts are followed by the block's size in bytes)
        byte[] bytes = snippetWithBrandHintsBlock(Long.MIN_VALUE, 0L);

        assertThatThrownBy(() -> snippets.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("corrupt ConversationSnippet record");
    }

    @Test
    void shouldKeepRefusingTrailingBytesAndInvalidUtf8WithinTheLimits() {
        byte[] valid = writer.serialize("t", Fixtures.snippet());
        byte[] padded = java.util.Arrays.copyOf(valid, valid.length + 3);

        assertThatThrownBy(() -> snippets.deserialize("t", padded)).hasMessageContaining("bytes left after the record");
    }

    @Test
    void shouldBoundEveryTopicsReadersWithTheDefaultLimits() {
        // Given feedback (from an untrusted labeling source) with countless intents
        SnippetFeedback feedback = SnippetFeedback.newBuilder().setSnippetId("s-1")
                .setIntents(Collections.nCopies(1_000_000, "")).setLabeledAt(Instant.EPOCH).build();
        Topics topics = Topics.withDefaultNames();
        byte[] bytes = topics.feedback().valueSerde().serializer().serialize("t", feedback);

        // Then the feedback topic's reader refuses it before decoding
        assertThatThrownBy(() -> topics.feedback().valueSerde().deserializer().deserialize("t", bytes))
                .hasMessageContaining("SnippetFeedback record has more than 10000 items in intents");
    }

    private static Map<String, String> entries(int count) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < count; i++) {
            out.put("k" + i, "v");
        }
        return out;
    }

    /**
     * The framed bytes of the fixture snippet up to its brand hints, then one block announcing {@code count} items
     * and nothing after it (but the block's size in bytes, when given).
     */
    private byte[] snippetWithBrandHintsBlock(long count, Long... blockSize) throws Exception {
        ConversationSnippet snippet = Fixtures.snippet();
        snippet.setBrandHints(List.of("MARK"));
        snippet.setMetadata(Map.of());
        byte[] whole = writer.serialize("t", snippet);
        // The one-item block is 02 (one item), 08 (length 4), "MARK", 00 (end): replace from its count on
        int at = AvroSerdeTest.indexOf(whole, "MARK".getBytes(java.nio.charset.StandardCharsets.UTF_8)) - 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(whole, 0, at);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        encoder.writeLong(count);
        for (Long size : blockSize) {
            encoder.writeLong(size);
        }
        encoder.flush();
        return out.toByteArray();
    }
}
