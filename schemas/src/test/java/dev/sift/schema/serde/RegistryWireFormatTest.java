package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.ModelRelease;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistryWireFormatTest {

    private LocalRegistry server;
    private RegistryWireFormat<ConversationSnippet> format;

    @BeforeEach
    void startRegistry() throws IOException {
        server = new LocalRegistry().register(7, ConversationSnippet.getClassSchema())
                .register(9, ModelRelease.getClassSchema());
        RegistrySettings settings = new RegistrySettings(server.url(), Duration.ofSeconds(2), 262_144, 100, 100,
                Duration.ofMinutes(1), 5);
        format = new RegistryWireFormat<>(ConversationSnippet.class,
                new CachedSchemaRegistry(new HttpSchemaRegistry(settings), settings), DecodingLimits.DEFAULTS, 10);
    }

    @AfterEach
    void stopRegistry() {
        server.close();
    }

    /** Frames a record as Confluent's serializer does: 00, the id big-endian, the binary record. */
    static <T extends SpecificRecord> byte[] framed(int id, T record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        @SuppressWarnings("unchecked")
        SpecificDatumWriter<T> writer = new SpecificDatumWriter<>((Class<T>) record.getClass());
        writer.write(record, encoder);
        return out.toByteArray();
    }

    private static ModelRelease release() {
        return ModelRelease.newBuilder().setVersion("v1").setSequence(1).setBundleUri("file:/tmp/b.zip")
                .setSha256("00").setSizeBytes(1).setBaseModel("m").setIntents(java.util.List.of("a"))
                .setCreatedAt(java.time.Instant.EPOCH).build();
    }

    @Test
    void shouldReadARecordWhoseWriterSchemaTheRegistryGives() throws IOException {
        assertThat(format.decode(framed(7, Fixtures.snippet()))).isEqualTo(Fixtures.snippet());
    }

    @Test
    void shouldAskTheRegistryOncePerId() throws IOException {
        byte[] record = framed(7, Fixtures.snippet());

        for (int i = 0; i < 10; i++) {
            format.decode(record);
        }

        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAnUnknownIdAndNotAskAgain() throws IOException {
        byte[] record = framed(4242, Fixtures.snippet());

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> format.decode(record))
                    .isInstanceOf(UnknownSchemaIdException.class)
                    .hasMessageStartingWith("unknown schema registry id 4242: the registry " + server.url()
                            + " has no schema of that id");
        }
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void shouldNotLetAFloodOfMadeUpIdsReachTheRegistry() throws IOException {
        // Given 100 records naming 100 different unknown ids, with 5 lookups a second allowed
        for (int id = 1000; id < 1100; id++) {
            byte[] record = framed(id, Fixtures.snippet());
            assertThatThrownBy(() -> format.decode(record)).isInstanceOf(SerializationException.class);
        }

        // Then the registry saw about 5 of them (and a refill's worth if the loop took long)
        assertThat(server.requests()).isBetween(5, 15);
    }

    @Test
    void shouldRefuseARecordOfAnotherSchemaNamingTheId() throws IOException {
        assertThatThrownBy(() -> format.decode(framed(9, release())))
                .hasMessage("record of another schema: schema registry id 9 is dev.sift.schema.ModelRelease,"
                        + " expected dev.sift.schema.ConversationSnippet");
    }

    @Test
    void shouldRefuseAWriterSchemaThatCannotBeResolved() throws IOException {
        // Given a ConversationSnippet schema whose text field is an int
        String text = "\"text\",\"type\":{\"type\":\"string\",\"avro.java.string\":\"String\"}";
        assertThat(ConversationSnippet.getClassSchema().toString()).contains(text);
        Schema incompatible = new Schema.Parser().parse(ConversationSnippet.getClassSchema().toString()
                .replace(text, "\"text\",\"type\":\"int\""));
        server.register(11, incompatible);

        assertThatThrownBy(() -> format.decode(framed(11, Fixtures.snippet())))
                .hasMessageStartingWith("schema registry id 11 is a ConversationSnippet schema this reader cannot"
                        + " resolve");
    }

    @Test
    void shouldStopAskingARegistryThatKeepsFailing() throws IOException {
        // Given a registry that answers every lookup with an error
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        SchemaRegistry failing = id -> {
            asked.incrementAndGet();
            throw new SerializationException("schema registry answered HTTP 503 for schema id " + id);
        };
        RegistrySettings settings = RegistrySettings.of(server.url());
        RegistryWireFormat<ConversationSnippet> behindFailing = new RegistryWireFormat<>(ConversationSnippet.class,
                new CachedSchemaRegistry(failing, settings), DecodingLimits.DEFAULTS, 10);

        // When ten records name ten ids
        for (int id = 1; id <= 10; id++) {
            byte[] record = framed(id, Fixtures.snippet());
            assertThatThrownBy(() -> behindFailing.decode(record)).isInstanceOf(SerializationException.class);
        }

        // Then the registry was asked until the breaker opened, and the later records say why they were not looked up
        assertThat(asked.get()).isEqualTo(4);
        assertThatThrownBy(() -> behindFailing.decode(framed(11, Fixtures.snippet())))
                .hasMessageContaining("the registry failed half of the last lookups, it is asked again after 10 s");
    }

    @Test
    void shouldRefuseBytesWithoutTheMagicByte() {
        assertThatThrownBy(() -> format.decode(new byte[] {0, 1}))
                .hasMessage("not a schema-registry record: expected the magic byte 00 and a 4-byte schema id, got"
                        + " 2 bytes [00 01]");
    }
}
