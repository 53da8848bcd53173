package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.schema.ConversationSnippet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

class CanonicalFormQuirkTest {

    /** ConversationSnippet's canonical form exactly as python3-avro 1.11.1's {@code canonical_form} writes it. */
    private static final String PYTHON_AVRO_1_11_FORM = "{\"name\":\"dev.sift.schema.ConversationSnippet\",\"type\":"
            + "\"record\",\"fields\":[{\"name\":\"snippetId\",\"type\":\"string\"},{\"name\":\"conversationId\","
            + "\"type\":\"string\"},{\"name\":\"tenant\",\"type\":\"string\"},{\"name\":\"channel\",\"type\":"
            + "\"string\"},{\"name\":\"speaker\",\"type\":{\"name\":\"dev.sift.schema.Speaker\",\"type\":\"record\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"role\",\"type\":{\"name\":"
            + "\"dev.sift.schema.SpeakerRole\",\"type\":\"enum\",\"symbols\":[\"CUSTOMER\",\"AGENT\",\"BOT\","
            + "\"PARTICIPANT\",\"UNKNOWN\"]}},{\"name\":\"displayName\",\"type\":[\"null\",\"string\"]}]}},"
            + "{\"name\":\"text\",\"type\":\"string\"},{\"name\":\"eventTime\",\"type\":{\"type\":\"long\"}},"
            + "{\"name\":\"brandHints\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},{\"name\":\"metadata\","
            + "\"type\":{\"type\":\"map\",\"values\":\"string\"}},{\"name\":\"language\",\"type\":[\"null\","
            + "\"string\"]},{\"name\":\"threadId\",\"type\":[\"null\",\"string\"]},{\"name\":\"replyTo\","
            + "\"type\":[\"null\",\"string\"]}]}";

    private final AvroSerde<ConversationSnippet> snippets = AvroSerde.of(ConversationSnippet.class);

    private static byte[] withFingerprint(byte[] record, long fingerprint) {
        byte[] copy = Arrays.copyOf(record, record.length);
        ByteBuffer.wrap(copy, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(fingerprint);
        return copy;
    }

    @Test
    void shouldWriteTheSpecificationsFormAsJavaDoesForEveryKnownSchema() {
        for (Schema schema : SchemaCatalog.builtIn().schemas()) {
            assertThat(CanonicalFormQuirk.NONE.parsingForm(schema)).isEqualTo(SchemaNormalization.toParsingForm(schema));
        }
    }

    @Test
    void shouldWriteTheFormPythonAvroWrites() {
        assertThat(CanonicalFormQuirk.LOGICAL_PRIMITIVE_AS_OBJECT.parsingForm(ConversationSnippet.getClassSchema()))
                .isEqualTo(PYTHON_AVRO_1_11_FORM);
    }

    @Test
    void shouldReadASnippetFramedWithPythonAvrosFingerprint() {
        // Given a record whose fingerprint is computed from python3-avro's canonical form
        byte[] record = withFingerprint(snippets.serialize("t", Fixtures.snippet()),
                SchemaCatalog.fingerprint(PYTHON_AVRO_1_11_FORM));

        // When / Then
        assertThat(snippets.deserialize("t", record)).isEqualTo(Fixtures.snippet());
    }

    @Test
    void shouldStillRefuseASchemaThatReallyDiffers() {
        // Given the same quirk, but a field of another type: another schema, not another way of writing it
        String different = PYTHON_AVRO_1_11_FORM.replace("{\"name\":\"text\",\"type\":\"string\"}",
                "{\"name\":\"text\",\"type\":\"bytes\"}");
        byte[] record = withFingerprint(snippets.serialize("t", Fixtures.snippet()),
                SchemaCatalog.fingerprint(different));

        // When / Then
        assertThatThrownBy(() -> snippets.deserialize("t", record))
                .hasMessageStartingWith("unknown writer schema fingerprint "
                        + Long.toHexString(SchemaCatalog.fingerprint(different)));
    }

    @Test
    void shouldNameTheFingerprintWhenTheBodyIsOfAnotherSchema() {
        // Given a known fingerprint in front of a body written with another schema (here: a release's)
        byte[] snippet = snippets.serialize("t", Fixtures.snippet());
        byte[] body = new byte[] {2, 'x'};
        byte[] record = new byte[10 + body.length];
        System.arraycopy(snippet, 0, record, 0, 10);
        System.arraycopy(body, 0, record, 10, body.length);

        // When / Then
        assertThatThrownBy(() -> snippets.deserialize("t", record))
                .hasMessageContaining("not a record of the writer schema its framing names: fingerprint "
                        + Long.toHexString(SchemaNormalization.parsingFingerprint64(ConversationSnippet.getClassSchema())));
    }
}
