package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.ModelRelease;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {

    private final AvroSerde<ConversationSnippet> snippets = AvroSerde.of(ConversationSnippet.class);

    @Test
    void shouldRoundTripASnippet() {
        // Given
        ConversationSnippet snippet = Fixtures.snippet();

        // When
        byte[] bytes = snippets.serialize("t", snippet);

        // Then
        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(snippets.deserialize("t", bytes)).isEqualTo(snippet);
    }

    @Test
    void shouldMapNullToNullForTombstones() {
        assertThat(snippets.serialize("t", null)).isNull();
        assertThat(snippets.deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectRandomBytesNamingTheMissingMarker() {
        byte[] noise = new byte[64];
        new Random(1).nextBytes(noise);
        noise[0] = 0x17;

        assertThatThrownBy(() -> snippets.deserialize("t", noise))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not an Avro single-object record");
    }

    @Test
    void shouldRejectATruncatedRecord() {
        byte[] whole = snippets.serialize("t", Fixtures.snippet());
        byte[] truncated = Arrays.copyOf(whole, whole.length - 20);

        assertThatThrownBy(() -> snippets.deserialize("t", truncated))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("truncated ConversationSnippet");
    }

    @Test
    void shouldRejectARecordOfAnotherSchemaNamingBoth() {
        ModelRelease release = ModelRelease.newBuilder()
                .setVersion("v1").setSequence(1).setBundleUri("file:/tmp/b.zip").setSha256("00")
                .setSizeBytes(1).setBaseModel("m").setIntents(List.of("a")).setCreatedAt(Instant.EPOCH)
                .build();
        byte[] bytes = AvroSerde.of(ModelRelease.class).serialize("t", release);

        assertThatThrownBy(() -> snippets.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("record of another schema")
                .hasMessageContaining("dev.sift.schema.ModelRelease");
    }

    @Test
    void shouldRejectInvalidUtf8RatherThanRepairIt() {
        // Given a snippet whose text bytes are patched into an invalid UTF-8 sequence (C3 must start a pair)
        ConversationSnippet snippet = Fixtures.snippet();
        snippet.setText("QQQQ");
        byte[] bytes = snippets.serialize("t", snippet);
        int at = indexOf(bytes, "QQQQ".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0x28;

        // Then
        assertThatThrownBy(() -> snippets.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("ConversationSnippet record has a string that is not valid UTF-8: 4 bytes"
                        + " starting c3 28 51 51");
    }

    @Test
    void shouldRejectBytesLeftAfterTheRecord() {
        byte[] whole = snippets.serialize("t", Fixtures.snippet());
        byte[] padded = Arrays.copyOf(whole, whole.length + 3);

        assertThatThrownBy(() -> snippets.deserialize("t", padded))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("bytes left after the record ends");
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void shouldRejectAnUnknownSchemaVersion() {
        byte[] bytes = snippets.serialize("t", Fixtures.snippet());
        bytes[5] ^= 0x5A;

        assertThatThrownBy(() -> snippets.deserialize("t", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("unknown writer schema fingerprint");
    }

    @Test
    void shouldRoundTripEveryDecisionField() {
        AvroSerde<FilterDecision> serde = AvroSerde.of(FilterDecision.class);
        FilterDecision decision = FilterDecision.newBuilder()
                .setSnippetId("s").setConversationId("c").setTenant("t").setChannel("chat")
                .setIntents(List.of(dev.sift.schema.IntentScore.newBuilder().setIntent("complaint").setScore(0.9f)
                        .setThreshold(0.8f).setMatched(true).build()))
                .setPolicy(dev.sift.schema.AppliedPolicy.newBuilder().setPolicyId("default").setRevision(3).build())
                .setForwarded(true)
                .setReasons(List.of(dev.sift.schema.ForwardReason.newBuilder()
                        .setKind(dev.sift.schema.ReasonKind.INTENT_ABOVE_THRESHOLD).setLabel("complaint")
                        .setScore(0.9f).setThreshold(0.8f).setDetail("complaint 0.90 >= 0.80").build()))
                .setModelVersion("m-1").setTokenCount(12).setProcessingLatencyMicros(2_000)
                .setEventTime(Instant.ofEpochMilli(5)).setDecidedAt(Instant.ofEpochMilli(6))
                .build();

        assertThat(serde.deserialize("t", serde.serialize("t", decision))).isEqualTo(decision);
        assertThat(Map.of("k", decision)).isNotEmpty();
    }
}
