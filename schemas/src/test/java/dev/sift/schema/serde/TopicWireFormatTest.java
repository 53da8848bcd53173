package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.schema.ConversationSnippet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicWireFormatTest {

    private static final TopicFormat ALL = new TopicFormat(EnumSet.allOf(WireFormat.class),
            WireFormat.AVRO_SINGLE_OBJECT, UnknownJsonFields.REFUSE);

    private static byte[] json(ConversationSnippet snippet) {
        return new JsonWireFormat<>(ConversationSnippet.class, DecodingLimits.DEFAULTS, UnknownJsonFields.REFUSE)
                .encode(snippet);
    }

    @Test
    void shouldTellTheAcceptedFormatsApartByTheirFirstByte() throws IOException {
        // Given one topic accepting all three formats
        ConversationSnippet snippet = Fixtures.snippet();
        SchemaRegistry registry = id -> ConversationSnippet.getClassSchema();
        TopicWireFormat<ConversationSnippet> topic = TopicWireFormat.of(ConversationSnippet.class, ALL,
                DecodingLimits.DEFAULTS, Optional.of(registry));

        // When / Then
        assertThat(topic.decode(AvroSerde.of(ConversationSnippet.class).serialize("t", snippet))).isEqualTo(snippet);
        assertThat(topic.decode(RegistryWireFormatTest.framed(3, snippet))).isEqualTo(snippet);
        assertThat(topic.decode(json(snippet))).isEqualTo(snippet);
    }

    @Test
    void shouldRefuseAFormatTheTopicDoesNotAcceptNamingWhatItAccepts() {
        TopicFormat avroAndJson = new TopicFormat(EnumSet.of(WireFormat.AVRO_SINGLE_OBJECT, WireFormat.JSON),
                WireFormat.AVRO_SINGLE_OBJECT, UnknownJsonFields.REFUSE);
        TopicWireFormat<ConversationSnippet> topic = TopicWireFormat.of(ConversationSnippet.class, avroAndJson,
                DecodingLimits.DEFAULTS, Optional.empty());

        assertThatThrownBy(() -> topic.decode(new byte[] {0, 0, 0, 0, 7, 2}))
                .hasMessage("not a ConversationSnippet record in an accepted format: expected [Avro single-object"
                        + " (C3 01 + 8-byte fingerprint), JSON object], got a record that starts like schema registry"
                        + " (00 + 4-byte schema id)");
        assertThatThrownBy(() -> topic.decode("hello".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("got 5 bytes [68 65 6c 6c 6f]");
    }

    @Test
    void shouldKeepTheSingleObjectReasonsWhenOnlyThatFormatIsAccepted() {
        TopicWireFormat<ConversationSnippet> topic = TopicWireFormat.of(ConversationSnippet.class,
                TopicFormat.SINGLE_OBJECT, DecodingLimits.DEFAULTS, Optional.empty());

        assertThatThrownBy(() -> topic.decode(json(Fixtures.snippet())))
                .hasMessageStartingWith("not an Avro single-object record");
    }

    @Test
    void shouldWriteTheConfiguredFormat() {
        TopicWireFormat<ConversationSnippet> topic = TopicWireFormat.of(ConversationSnippet.class,
                ALL.writing(WireFormat.JSON), DecodingLimits.DEFAULTS, Optional.of(id -> null));

        assertThat(topic.encode(Fixtures.snippet())[0]).isEqualTo((byte) '{');
    }

    @Test
    void shouldRefuseToAcceptTheRegistryFramingWithoutARegistry() {
        assertThatThrownBy(() -> TopicWireFormat.of(ConversationSnippet.class, ALL, DecodingLimits.DEFAULTS,
                Optional.empty()))
                .hasMessageContaining("no registry is configured (sift.formats.registry.url)");
    }
}
