package dev.sift.gateway.topology;

import static dev.sift.gateway.support.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.gateway.support.TopologyDrivers;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.serde.AvroSerde;
import dev.sift.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Specifications of the input limits ({@code sift.input.*}, defaults) in the topology: whatever an untrusted platform
 * writes into a snippet record, the record is either decided or dead-lettered as it came with a reason naming the
 * field and the setting, and the next snippet is decided.
 */
class InputLimitsTopologyTest {

    private static final AvroSerde<ConversationSnippet> SNIPPETS = AvroSerde.of(ConversationSnippet.class);

    private final Topics topics = Topics.withDefaultNames();
    private final LiveModel model = new LiveModel(new ScriptedClassifier("model-v1"));
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> raw;
    private TestOutputTopic<String, FilterDecision> decisions;
    private TestOutputTopic<byte[], byte[]> deadLetters;

    @BeforeEach
    void startTopology() {
        StreamsBuilder builder = new StreamsBuilder();
        FilterPolicy policy = FilterPolicy.newBuilder().setTenant(PolicyBook.DEFAULT_ID).setDefaultThreshold(0.5f)
                .setUpdatedAt(Instant.EPOCH).build();
        FilterTopology.build(builder, FilterParts.of(topics, model, new PolicyBook(policy)));
        driver = TopologyDrivers.start(builder, topics, "input-limits-test");
        raw = driver.createInputTopic(topics.snippets().name(), new ByteArraySerializer(), new ByteArraySerializer());
        decisions = TopologyDrivers.output(driver, topics.decisions());
        deadLetters = TopologyDrivers.output(driver, topics.deadLetters());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
        model.close();
    }

    @Test
    void shouldDeadLetterASnippetUnderHeadersBeyondTheLimitInsteadOfCopyingThemToItsOutputs() {
        // Given a small snippet under 1.5 MB of headers: copied to its decision, they exceed a 1 MB output topic
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[500_000]);
        headers.add("blob", new byte[1_000_000]);

        // When it arrives, followed by a good snippet
        send("c-1", bytes(snippet("s-1", "c-1", "where is my parcel")), headers);
        send("c-2", bytes(snippet("s-2", "c-2", "hello")), new RecordHeaders());

        // Then it is dead-lettered as it came with the reason, and the next one is decided
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(reason(dead)).isEqualTo("record has 1500009 bytes of headers, more than"
                + " sift.input.max-headers-bytes (65536)");
        assertThat(dead.headers().lastHeader("blob").value()).hasSize(1_000_000);
        assertThat(decisions.readValuesToList()).extracting(FilterDecision::getSnippetId).containsExactly("s-2");
    }

    @Test
    void shouldDeadLetterARecordWithTooManyHeaders() {
        RecordHeaders headers = new RecordHeaders();
        for (int i = 0; i < 500; i++) {
            headers.add(new RecordHeader("", null));
        }

        send("c-1", bytes(snippet("s-1", "c-1", "hello")), headers);

        assertThat(reason(deadLetters.readRecord()))
                .isEqualTo("record has 500 headers, more than sift.input.max-headers (64)");
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterARecordLargerThanTheRecordLimitWithoutDecodingIt() {
        // Given a record of 500 KiB (a text beyond any limit, and countless brand hints)
        ConversationSnippet snippet = snippet("s-1", "c-1", "t".repeat(300_000),
                Collections.nCopies(212_000, ""));
        byte[] value = bytes(snippet);

        // When
        send("c-1", value, new RecordHeaders());

        // Then the record's size alone refused it
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(reason(dead)).isEqualTo("record of " + value.length + " bytes, more than"
                + " sift.input.max-record-bytes (393216): refused before decoding");
        assertThat(dead.value()).isEqualTo(value);
    }

    @Test
    void shouldDeadLetterCountlessEmptyBrandHintsBeforeDecodingThem() {
        // Given 380,000 empty brand hints: one byte each on the wire, some 10 MB of heap decoded
        send("c-1", bytes(snippet("s-1", "c-1", "hi", Collections.nCopies(380_000, ""))), new RecordHeaders());

        assertThat(reason(deadLetters.readRecord())).isEqualTo("ConversationSnippet record has more than 1024 items"
                + " in brandHints: refused before decoding (sift.input.max-collection-items)");
    }

    @Test
    void shouldDeadLetterAHugeStringWithTheReasonOfItsField() {
        send("c-1", bytes(snippet("s-1", "c-1", "hi", List.of("b".repeat(300_000)))), new RecordHeaders());

        assertThat(reason(deadLetters.readRecord())).isEqualTo("snippet s-1 has a brand hint of 300000 bytes, more"
                + " than sift.input.max-brand-hint-bytes (256)");
    }

    @Test
    void shouldDeadLetterARecordKeyBeyondTheIdLimit() {
        String key = "k".repeat(300);

        send(key, bytes(snippet("s-1", key, "hi")), new RecordHeaders());

        assertThat(reason(deadLetters.readRecord())).isEqualTo("record key of 300 bytes, more than"
                + " sift.input.max-id-bytes (256): the key is the conversation id");
    }

    static Stream<Arguments> fieldsBeyondTheirLimits() {
        return Stream.of(
                field("a snippetId of 257 bytes", "sift.input.max-id-bytes (256)",
                        s -> s.setSnippetId("s".repeat(257))),
                field("a conversationId of 257 bytes", "sift.input.max-id-bytes (256)",
                        s -> s.setConversationId("c".repeat(257))),
                field("a threadId of 257 bytes", "sift.input.max-id-bytes (256)",
                        s -> s.setThreadId("t".repeat(257))),
                field("a replyTo of 258 bytes", "sift.input.max-id-bytes (256)",
                        s -> s.setReplyTo("é".repeat(129))),
                field("a tenant of 129 bytes", "sift.input.max-tenant-bytes (128)", s -> s.setTenant("t".repeat(129))),
                field("a channel of 129 bytes", "sift.input.max-channel-bytes (128)",
                        s -> s.setChannel("c".repeat(129))),
                field("a speaker id of 257 bytes", "sift.input.max-speaker-bytes (256)",
                        s -> s.getSpeaker().setId("u".repeat(257))),
                field("a speaker displayName of 258 bytes", "sift.input.max-speaker-bytes (256)",
                        s -> s.getSpeaker().setDisplayName("é".repeat(129))),
                field("a language of 65 bytes", "sift.input.max-language-bytes (64)",
                        s -> s.setLanguage("l".repeat(65))),
                field("65 brand hints", "sift.input.max-brand-hints (64)",
                        s -> s.setBrandHints(Collections.nCopies(65, "b"))),
                field("a brand hint of 257 bytes", "sift.input.max-brand-hint-bytes (256)",
                        s -> s.setBrandHints(List.of("ok", "b".repeat(257)))),
                field("65 metadata entries", "sift.input.max-metadata-entries (64)",
                        s -> s.setMetadata(entries(65, 1))),
                field("16385 bytes of metadata", "sift.input.max-metadata-bytes (16384)",
                        s -> s.setMetadata(Map.of("notes", "n".repeat(16_380)))));
    }

    private static Arguments field(String what, String limit, Consumer<ConversationSnippet> change) {
        return Arguments.of(what, limit, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fieldsBeyondTheirLimits")
    void shouldDeadLetterAFieldBeyondItsLimitNamingTheFieldAndTheSetting(String what, String limit,
            Consumer<ConversationSnippet> change) {
        // Given a snippet with one field one item or one byte beyond its limit
        ConversationSnippet snippet = snippet("s-1", "c-1", "hello");
        change.accept(snippet);

        // When
        send("c-1", bytes(snippet), new RecordHeaders());

        // Then
        assertThat(reason(deadLetters.readRecord())).endsWith(" has " + what + ", more than " + limit);
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldDecideASnippetAtEveryLimitAtOnce() {
        // Given a snippet with every field at its limit, under headers at theirs
        ConversationSnippet atLimits = OutputSizeTest.atEveryLimit(InputLimits.DEFAULTS);
        send(atLimits.getConversationId(), bytes(atLimits), OutputSizeTest.headersAtTheLimit(InputLimits.DEFAULTS));

        // Then it is decided
        assertThat(deadLetters.isEmpty()).isTrue();
        assertThat(decisions.readValue().getSnippetId()).isEqualTo(atLimits.getSnippetId());
    }

    @Test
    void shouldQuoteAHugeIdInAReasonAtMost64CharactersLongAndBoundTheReasonHeaders() {
        // Given a snippet with a 200 KB id and no text
        String id = "i".repeat(200_000);

        // When
        send("c-1", bytes(snippet(id, "c-1", " ")), new RecordHeaders());

        // Then its reason quotes the start of the id, and no reason header is longer than 16 KiB
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(reason(dead)).isEqualTo("snippet " + "i".repeat(64) + "... (200000 characters) has a snippetId of"
                + " 200000 bytes, more than sift.input.max-id-bytes (256)");
        for (Header header : dead.headers()) {
            if (header.key().startsWith("__streams.errors.")) {
                assertThat(header.value().length).as(header.key()).isLessThanOrEqualTo(16 * 1024);
            }
        }
    }

    private static Map<String, String> entries(int count, int valueLength) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < count; i++) {
            out.put("k" + i, "v".repeat(valueLength));
        }
        return out;
    }

    private static byte[] bytes(ConversationSnippet snippet) {
        return SNIPPETS.serialize("t", snippet);
    }

    private void send(String key, byte[] value, RecordHeaders headers) {
        raw.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, headers, Instant.now()));
    }

    private static String reason(TestRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader("__streams.errors.message");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
