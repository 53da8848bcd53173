package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.PendingSnippet;
import dev.sift.schema.SpeakerRole;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Schema version 2 of {@code ConversationSnippet} added the optional {@code language} field, version 3 the optional
 * {@code threadId} and {@code replyTo}. Producers and gateways upgrade one at a time, so both directions must read;
 * the records that embed a snippet (the LLM request, the micro-batch buffer's entries a gateway restores after an
 * upgrade) too. The LLM request's version 4 added the {@code context} a reply was judged with, which consumers on
 * version 3 ignore.
 */
class SchemaEvolutionTest {

    private static Schema version1() throws IOException {
        return history("ConversationSnippet-v1.avsc");
    }

    private static Schema history(String file) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getClassLoader()
                .getResourceAsStream("dev/sift/schema/history/" + file)) {
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
    void shouldReadASnippetOfVersion2WithoutThreadsAndACurrentOneWithAVersion2Reader() throws IOException {
        // Given a threaded snippet of the current version
        ConversationSnippet threaded = Fixtures.snippet();
        threaded.setThreadId("t-1");
        threaded.setReplyTo("s-0");
        byte[] bytes = AvroSerde.of(ConversationSnippet.class).serialize("t", threaded);

        // When a version-2 reader reads it, and writes it back as a version-2 producer would
        Schema v2 = history("ConversationSnippet-v2.avsc");
        GenericRecord readByOld = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v2,
                new SchemaCatalog().add(ConversationSnippet.getClassSchema())).decode(bytes);
        ByteBuffer old = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v2).encode(readByOld);

        // Then the old reader ignores the thread fields, and the current reader reads the old record without them
        assertThat(readByOld.getSchema().getField("threadId")).isNull();
        assertThat(readByOld.get("language").toString()).isEqualTo("en");
        ConversationSnippet read = AvroSerde.of(ConversationSnippet.class).deserialize("t", toArray(old));
        assertThat(read.getThreadId()).isNull();
        assertThat(read.getReplyTo()).isNull();
        assertThat(read.getLanguage()).isEqualTo("en");
    }

    @Test
    void shouldReadTheRecordsEmbeddingAVersion2SnippetWithTheCurrentSchemas() throws IOException {
        // Given an LLM request and a buffered snippet written before threads existed
        ConversationSnippet snippet = Fixtures.snippet();
        LlmRequest request = LlmRequest.newBuilder().setSnippet(snippet).setMatchedIntents(List.of())
                .setReasons(List.of()).setPolicy(AppliedPolicy.newBuilder().setPolicyId("acme").setRevision(1).build())
                .setModelVersion("m-1").setDecidedAt(Instant.ofEpochMilli(1)).build();
        PendingSnippet pending = PendingSnippet.newBuilder().setKey("c-1").setTimestamp(1)
                .setReceivedAt(Instant.ofEpochMilli(2)).setSourceTopic("sift.snippets").setSourcePartition(0)
                .setSourceOffset(3).setSnippet(snippet).build();

        // When they are written with the previous versions and read with the current ones
        LlmRequest readRequest = AvroSerde.of(LlmRequest.class).deserialize("t",
                rewritten(request, history("LlmRequest-v2.avsc")));
        PendingSnippet readPending = AvroSerde.of(PendingSnippet.class, DecodingLimits.OWN_STATE).deserialize("t",
                rewritten(pending, history("PendingSnippet-v1.avsc")));

        // Then they read, without threads
        assertThat(readRequest.getSnippet().getText()).isEqualTo(snippet.getText());
        assertThat(readRequest.getSnippet().getThreadId()).isNull();
        assertThat(readPending.getSnippet().getSnippetId()).isEqualTo("s-1");
        assertThat(readPending.getSnippet().getReplyTo()).isNull();
    }

    @Test
    void shouldReadARequestOfVersion3WithoutContextAndACurrentOneWithAVersion3Reader() throws IOException {
        // Given a forwarded reply with the earlier turn of its thread
        LlmRequest request = LlmRequest.newBuilder().setSnippet(Fixtures.snippet()).setMatchedIntents(List.of())
                .setReasons(List.of()).setPolicy(AppliedPolicy.newBuilder().setPolicyId("acme").setRevision(1).build())
                .setModelVersion("ctx-1").setDecidedAt(Instant.ofEpochMilli(1))
                .setContext(List.of(new ContextTurn("s-0", SpeakerRole.AGENT, "Shall I cancel it?")))
                .build();

        // When a consumer still on version 3 reads it, and the current schema reads what that consumer would write
        Schema v3 = history("LlmRequest-v3.avsc");
        GenericRecord readByOld = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v3,
                new SchemaCatalog().add(LlmRequest.getClassSchema()))
                .decode(AvroSerde.of(LlmRequest.class).serialize("t", request));
        LlmRequest readBack = AvroSerde.of(LlmRequest.class).deserialize("t", rewritten(request, v3));

        // Then the old consumer ignores the context, and a request without one reads with an empty context
        assertThat(readByOld.getSchema().getField("context")).isNull();
        assertThat(readByOld.get("modelVersion").toString()).isEqualTo("ctx-1");
        assertThat(readBack.getContext()).isEmpty();
        assertThat(readBack.getModelVersion()).isEqualTo("ctx-1");
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] rewritten(T current, Schema old) throws IOException {
        byte[] bytes = AvroSerde.of((Class<T>) current.getClass()).serialize("t", current);
        GenericRecord asOld = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), old,
                new SchemaCatalog().add(current.getSchema())).decode(bytes);
        return toArray(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(asOld));
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
                .filter(s -> s.getFullName().equals("dev.sift.schema.ConversationSnippet"))).hasSize(3);
        assertThat(Map.of()).isEmpty();
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
