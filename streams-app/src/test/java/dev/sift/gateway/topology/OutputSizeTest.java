package dev.sift.gateway.topology;

import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.support.TopologyDrivers;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.PendingHeader;
import dev.sift.schema.PendingSnippet;
import dev.sift.schema.Polarity;
import dev.sift.schema.ReputationRule;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import dev.sift.schema.deadletter.DeadLetterHeaders;
import dev.sift.schema.serde.AvroSerde;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.internal.DefaultRecord;
import org.apache.kafka.common.record.internal.DefaultRecordBatch;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The drift guard between the input limits and the output topics' limit: the largest snippet the gateway accepts,
 * every field at its limit under headers at theirs, written through the real topology and serdes, makes a decision
 * and an LLM request well under the output topics' 1 MiB, a micro-batch buffer entry under the changelog's 1 MiB,
 * and the largest record the snippets topic takes makes a dead letter the dead-letter topic takes. Raising an input
 * limit so far that this no longer holds fails here, not on a broker. And the last guard: an output that would still
 * not fit dead-letters its snippet instead of failing the send.
 */
class OutputSizeTest {

    /** "Well under": at most half of the output topics' limit. */
    private static final int WELL_UNDER = OutputLimits.DEFAULTS.maxRecordBytes() / 2;

    private final Topics topics = Topics.withDefaultNames();

    @Test
    void shouldKeepTheOutputsOfTheLargestAcceptedSnippetWellUnderTheOutputTopicsLimit() {
        // Given the largest snippet the default limits accept, forwarded, about every one of its brand hints
        InputLimits limits = InputLimits.DEFAULTS;
        ConversationSnippet largest = atEveryLimit(limits);
        Headers headers = headersAtTheLimit(limits);
        try (Topology topology = new Topology(RecordLimits.DEFAULTS)) {
            // When it is decided
            topology.send(largest.getConversationId(), AvroSerde.of(ConversationSnippet.class).serialize("t", largest),
                    headers);

            // Then both outputs are well under the limit, with their keys and the headers they copy
            assertThat(topology.deadLetters.isEmpty()).as("dead-lettered").isTrue();
            TestRecord<byte[], byte[]> decision = topology.decisions.readRecord();
            TestRecord<byte[], byte[]> request = topology.llmRequests.readRecord();
            System.out.printf("OUTPUT SIZES of the largest accepted snippet: decision %d bytes, LLM request %d bytes"
                    + " (limit %d)%n", batchSize(decision), batchSize(request), OutputLimits.DEFAULTS.maxRecordBytes());
            assertThat(batchSize(decision)).as("decision record").isLessThan(WELL_UNDER);
            assertThat(batchSize(request)).as("LLM request record").isLessThan(WELL_UNDER);
            assertThat(decision.headers().toArray()).hasSize(limits.maxHeaders());
        }
        // And its micro-batch buffer entry fits the changelog topic (the broker's default limit too)
        byte[] pending = AvroSerde.of(PendingSnippet.class).serialize("t", pending(largest, headers));
        assertThat(pending.length + 64).as("buffer entry").isLessThan(WELL_UNDER);
    }

    @Test
    void shouldFitTheDeadLetterOfTheLargestRecordTheSnippetsTopicTakesInTheDeadLetterTopic() {
        // Given a record as large as the snippets topic takes, headers included, with a key at the id limit
        byte[] value = new byte[Topic.SNIPPET_RECORD_BYTES - 70 * 1024];
        Headers headers = new RecordHeaders();
        headers.add("blob", new byte[64 * 1024]);
        try (Topology topology = new Topology(RecordLimits.DEFAULTS)) {
            // When it is refused
            topology.send("k".repeat(256), value, headers);

            // Then its dead letter, reason headers included, fits the dead-letter topic
            TestRecord<byte[], byte[]> dead = topology.deadLetters.readRecord();
            assertThat(dead.value()).isEqualTo(value);
            assertThat(batchSize(dead)).isLessThanOrEqualTo(Topic.SNIPPET_RECORD_BYTES + DeadLetterHeaders.MAX_BYTES)
                    .isLessThanOrEqualTo(Topic.DEAD_LETTER_RECORD_BYTES);
        }
    }

    @Test
    void shouldDeadLetterASnippetWhoseOutputWouldNotFitTheOutputTopicAndGoOn() {
        // Given an output limit of 4 KiB, and a snippet under 3 KiB of headers (within the input limits)
        try (Topology topology = new Topology(new RecordLimits(InputLimits.DEFAULTS, new OutputLimits(4096)))) {
            Headers headers = new RecordHeaders();
            headers.add("trace", new byte[3 * 1024]);
            byte[] snippet = AvroSerde.of(ConversationSnippet.class).serialize("t",
                    Snippets.snippet("s-1", "c-1", "complaint=0.99 " + "words ".repeat(200)));

            // When it and a small snippet arrive
            topology.send("c-1", snippet, headers);
            topology.send("c-2", AvroSerde.of(ConversationSnippet.class).serialize("t",
                    Snippets.snippet("s-2", "c-2", "hello")), new RecordHeaders());

            // Then the first is dead-lettered with the reason instead of a send the broker would refuse
            TestRecord<byte[], byte[]> dead = topology.deadLetters.readRecord();
            assertThat(new String(dead.headers().lastHeader(DeadLetterHeaders.MESSAGE).value(), StandardCharsets.UTF_8))
                    .matches("the (decision|LLM request) of snippet s-1 would be \\d+ bytes with its key and headers,"
                            + " more than sift.output.max-record-bytes \\(4096\\) of sift\\.(decisions|llm-requests)");
            assertThat(AvroSerde.of(ConversationSnippet.class).deserialize("t", dead.value()).getSnippetId())
                    .isEqualTo("s-1");
            assertThat(topology.llmRequests.isEmpty()).isTrue();
            // And the next one is decided
            assertThat(AvroSerde.of(dev.sift.schema.FilterDecision.class)
                    .deserialize("t", topology.decisions.readValue()).getSnippetId()).isEqualTo("s-2");
        }
    }

    /**
     * @param limits input limits
     * @return the largest snippet they accept: every id, name and text at its byte limit, the most brand hints at
     *     their limit, the most metadata entries filling the metadata limit; scripted to be forwarded for a complaint
     *     and for its reputation
     */
    static ConversationSnippet atEveryLimit(InputLimits limits) {
        List<String> hints = new ArrayList<>();
        for (int i = 0; i < limits.maxBrandHints(); i++) {
            hints.add(fill("brand-" + i + "-", limits.maxBrandHintBytes()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        int entryBytes = limits.maxMetadataBytes() / limits.maxMetadataEntries();
        for (int i = 0; i < limits.maxMetadataEntries(); i++) {
            String key = String.format("k%03d", i);
            metadata.put(key, fill("", entryBytes - key.length()));
        }
        String conversation = fill("conversation-", limits.maxIdBytes());
        return ConversationSnippet.newBuilder()
                .setSnippetId(fill("snippet-", limits.maxIdBytes()))
                .setConversationId(conversation)
                .setTenant(fill("tenant-", limits.maxTenantBytes()))
                .setChannel(fill("channel-", limits.maxChannelBytes()))
                .setSpeaker(Speaker.newBuilder().setId(fill("speaker-", limits.maxSpeakerBytes()))
                        .setDisplayName(fill("name-", limits.maxSpeakerBytes())).setRole(SpeakerRole.CUSTOMER).build())
                .setText(fill("complaint=0.99 negative=0.99 ", limits.maxTextBytes()))
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L))
                .setBrandHints(hints)
                .setMetadata(metadata)
                .setLanguage(fill("en-", limits.maxLanguageBytes()))
                .setThreadId(fill("thread-", limits.maxIdBytes()))
                .setReplyTo(fill("reply-to-", limits.maxIdBytes()))
                .build();
    }

    /**
     * @param limits input limits
     * @return the most headers they accept, filling their byte limit
     */
    static RecordHeaders headersAtTheLimit(InputLimits limits) {
        RecordHeaders headers = new RecordHeaders();
        long each = limits.maxHeadersBytes() / limits.maxHeaders();
        for (int i = 0; i < limits.maxHeaders(); i++) {
            String key = String.format("h%03d", i);
            headers.add(key, new byte[(int) each - key.length()]);
        }
        return headers;
    }

    private static String fill(String start, int bytes) {
        return start + "x".repeat(bytes - start.length());
    }

    private static PendingSnippet pending(ConversationSnippet snippet, Headers headers) {
        List<PendingHeader> kept = new ArrayList<>();
        for (Header header : headers) {
            kept.add(new PendingHeader(header.key(), ByteBuffer.wrap(header.value())));
        }
        return PendingSnippet.newBuilder().setKey(snippet.getConversationId()).setTimestamp(0)
                .setReceivedAt(Instant.EPOCH).setSourceTopic("sift.snippets").setSourcePartition(0).setSourceOffset(0)
                .setHeaders(kept).setSnippet(snippet).build();
    }

    /** The record's size in a batch of its own, as Kafka counts it against {@code max.message.bytes}. */
    private static int batchSize(TestRecord<byte[], byte[]> record) {
        return DefaultRecordBatch.RECORD_BATCH_OVERHEAD + DefaultRecord.sizeInBytes(0, 0L,
                record.key() == null ? null : ByteBuffer.wrap(record.key()), ByteBuffer.wrap(record.value()),
                record.headers().toArray());
    }

    /** The gateway's topology with the given limits, on a test driver, reading and writing bytes. */
    private final class Topology implements AutoCloseable {

        private final LiveModel model = new LiveModel(new ScriptedClassifier("model-v1"));
        private final TopologyTestDriver driver;
        private final TestInputTopic<byte[], byte[]> snippets;
        private final TestOutputTopic<byte[], byte[]> decisions;
        private final TestOutputTopic<byte[], byte[]> llmRequests;
        private final TestOutputTopic<byte[], byte[]> deadLetters;

        Topology(RecordLimits limits) {
            StreamsBuilder builder = new StreamsBuilder();
            // Forwards complaints, and the reputation of every brand hinted (no watched brand: any hint counts)
            FilterPolicy policy = FilterPolicy.newBuilder().setTenant(PolicyBook.DEFAULT_ID).setDefaultThreshold(0.5f)
                    .setReputationRule(ReputationRule.newBuilder().setWatchedBrands(List.of())
                            .setPolarity(Polarity.NEGATIVE).setThreshold(0.5f).build())
                    .setUpdatedAt(Instant.EPOCH).build();
            FilterTopology.build(builder, FilterParts.of(topics, model, new PolicyBook(policy)).withLimits(limits));
            driver = TopologyDrivers.start(builder, topics, "output-size-test");
            snippets = driver.createInputTopic(topics.snippets().name(), new ByteArraySerializer(),
                    new ByteArraySerializer());
            decisions = bytes(topics.decisions().name());
            llmRequests = bytes(topics.llmRequests().name());
            deadLetters = bytes(topics.deadLetters().name());
        }

        private TestOutputTopic<byte[], byte[]> bytes(String topic) {
            return driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        void send(String key, byte[] value, Headers headers) {
            snippets.pipeInput(new TestRecord<>(key.getBytes(StandardCharsets.UTF_8), value, headers, Instant.now()));
        }

        @Override
        public void close() {
            driver.close();
            model.close();
        }
    }
}
