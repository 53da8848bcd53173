package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.ConversationSnippet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/**
 * Schema version 2 of {@code ConversationSnippet} added the optional {@code language} field. Producers and gateways
 * upgrade one at a time, so both directions must read.
 */
class SchemaEvolutionTest {

    private static Schema version1() throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getClassLoader()
                .getResourceAsStream("dev/sift/schema/history/ConversationSnippet-v1.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void shouldReadARecordWrittenWithVersion1UsingTheCurrentSchema() throws IOException {
        // Given a producer still on version 1
        Schema v1 = version1();
        GenericRecord speaker = new GenericRecordBuilder(v1.getField("speaker").schema())
                .set("id", "u-1").build();
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("snippetId", "s-9").set("conversationId", "c-9").set("tenant", "acme").set("channel", "chat")
                .set("speaker", speaker).set("text", "hello").set("eventTime", 42L)
                .build();
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old);

        // When the current gateway reads it
        ConversationSnippet read = AvroSerde.of(ConversationSnippet.class).deserialize("t", toArray(bytes));

        // Then the added optional field takes its default
        assertThat(read.getSnippetId()).isEqualTo("s-9");
        assertThat(read.getText()).isEqualTo("hello");
        assertThat(read.getLanguage()).isNull();
        assertThat(read.getBrandHints()).isEmpty();
    }

    @Test
    void shouldReadACurrentRecordWithAVersion1Reader() throws IOException {
        // Given a producer on the current version, and a reader still on version 1 whose schema store
        // has learned the new version (as it would from a shared schema store)
        byte[] bytes = AvroSerde.of(ConversationSnippet.class).serialize("t", Fixtures.snippet());
        SchemaCatalog oldReadersStore = new SchemaCatalog().add(ConversationSnippet.getClassSchema());
        BinaryMessageDecoder<GenericRecord> oldReader =
                new BinaryMessageDecoder<>(GenericData.get(), version1(), oldReadersStore);

        // When
        GenericRecord read = oldReader.decode(bytes);

        // Then the new field is ignored and the rest is intact
        assertThat(read.getSchema().getField("language")).isNull();
        assertThat(read.get("text").toString()).isEqualTo(Fixtures.snippet().getText());
        assertThat(((List<?>) read.get("brandHints")).get(0).toString()).isEqualTo("Brightcart");
    }

    @Test
    void shouldListEveryHistoricalSchemaInTheIndex() throws IOException {
        Path history = Path.of("src/main/avro-history");
        List<String> index = Files.readAllLines(history.resolve("index.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        try (var files = Files.list(history)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".avsc")))
                    .containsExactlyInAnyOrderElementsOf(index);
        }
    }

    @Test
    void shouldKnowEveryCurrentAndHistoricalVersion() {
        assertThat(SchemaCatalog.builtIn().schemas())
                .extracting(Schema::getFullName)
                .contains("dev.sift.schema.ConversationSnippet", "dev.sift.schema.FilterDecision",
                        "dev.sift.schema.LlmRequest", "dev.sift.schema.ModelRelease",
                        "dev.sift.schema.FilterPolicy");
        assertThat(SchemaCatalog.builtIn().schemas().stream()
                .filter(s -> s.getFullName().equals("dev.sift.schema.ConversationSnippet"))).hasSize(2);
        assertThat(Map.of()).isEmpty();
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
