package dev.sift.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.ForwardReason;
import dev.sift.schema.IntentScore;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.Polarity;
import dev.sift.schema.PolicyChange;
import dev.sift.schema.ReasonKind;
import dev.sift.schema.RequestKind;
import dev.sift.schema.SnippetFeedback;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Version 2 of the decision, LLM request, policy, policy change and feedback schemas added what the learning loop
 * needs (audit sampling, label origin and labeler, soft labels, context). Producers, gateways, model-ops and the LLM
 * side upgrade one at a time, so every version-2 record must read with a version-1 reader, and every version-1 record
 * with the current reader, taking the documented defaults.
 */
class LearningLoopSchemaEvolutionTest {

    static Stream<Arguments> versionTwoRecords() {
        return Stream.of(
                Arguments.of("FilterDecision", decision(), (Consumer<SpecificRecord>) read -> {
                    FilterDecision d = (FilterDecision) read;
                    assertThat(d.getAudited()).isFalse();
                    assertThat(d.getPolicy().getAuditRate()).isZero();
                    assertThat(d.getSnippetId()).isEqualTo("s-1");
                }),
                Arguments.of("LlmRequest", request(), (Consumer<SpecificRecord>) read -> {
                    LlmRequest r = (LlmRequest) read;
                    assertThat(r.getKind()).isEqualTo(RequestKind.FORWARD);
                    assertThat(r.getSnippet().getText()).isEqualTo(Fixtures.snippet().getText());
                }),
                Arguments.of("FilterPolicy", policy(), (Consumer<SpecificRecord>) read -> {
                    FilterPolicy p = (FilterPolicy) read;
                    assertThat(p.getAuditRate()).isEqualTo(0.01f);
                    assertThat(p.getMaxAuditsPerHour()).isNull();
                    assertThat(p.getDefaultThreshold()).isEqualTo(0.7f);
                }),
                Arguments.of("PolicyChange", change(), (Consumer<SpecificRecord>) read -> {
                    PolicyChange c = (PolicyChange) read;
                    assertThat(c.getCurrent().getAuditRate()).isEqualTo(0.01f);
                    assertThat(c.getChangedBy()).isEqualTo("ops");
                }),
                Arguments.of("SnippetFeedback", feedback(), (Consumer<SpecificRecord>) read -> {
                    SnippetFeedback f = (SnippetFeedback) read;
                    assertThat(f.getOrigin()).isEqualTo(LabelOrigin.HUMAN);
                    assertThat(f.getLabeler()).isEmpty();
                    assertThat(f.getBrand()).isNull();
                    assertThat(f.getConfidences()).isEmpty();
                    assertThat(f.getContext()).isEmpty();
                    assertThat(f.getIntents()).containsExactly("data_export_request");
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("versionTwoRecords")
    @SuppressWarnings("unchecked")
    void shouldReadVersionTwoWithAVersionOneReaderAndVersionOneWithTheCurrentReader(String name,
            SpecificRecord current, Consumer<SpecificRecord> defaultsOfVersionTwoFields) throws IOException {
        // Given a record written by an upgraded producer
        Class<SpecificRecord> type = (Class<SpecificRecord>) current.getClass();
        AvroSerde<SpecificRecord> serde = AvroSerde.of(type);
        byte[] written = serde.serialize("t", current);

        // When a reader still on version 1 (whose schema store learned version 2) reads it
        Schema v1 = history(name + "-v1.avsc");
        GenericRecord readByOld = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), v1,
                new SchemaCatalog().add(current.getSchema())).decode(written);

        // Then it reads, without the version-2 fields
        assertThat(readByOld.getSchema().getFields()).hasSizeLessThan(current.getSchema().getFields().size() + 1);

        // When a version-1 producer writes that record and the current reader reads it
        ByteBuffer old = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(readByOld);
        byte[] oldBytes = new byte[old.remaining()];
        old.get(oldBytes);
        SpecificRecord readByNew = serde.deserialize("t", oldBytes);

        // Then the version-2 fields take their documented defaults
        defaultsOfVersionTwoFields.accept(readByNew);
    }

    private static Schema history(String file) throws IOException {
        try (InputStream in = LearningLoopSchemaEvolutionTest.class.getClassLoader()
                .getResourceAsStream("dev/sift/schema/history/" + file)) {
            return new Schema.Parser().parse(in);
        }
    }

    private static AppliedPolicy applied() {
        return AppliedPolicy.newBuilder().setPolicyId("acme").setRevision(3).setAuditRate(0.02f).build();
    }

    private static FilterDecision decision() {
        return FilterDecision.newBuilder().setSnippetId("s-1").setConversationId("c-1").setTenant("acme")
                .setChannel("chat")
                .setIntents(List.of(IntentScore.newBuilder().setIntent("refund_request").setScore(0.2f)
                        .setThreshold(0.5f).build()))
                .setPolicy(applied()).setForwarded(false)
                .setReasons(List.of(ForwardReason.newBuilder().setKind(ReasonKind.NO_INTENT_ABOVE_THRESHOLD)
                        .setDetail("closest: refund_request 0.20 < 0.50").build()))
                .setModelVersion("m-1").setTokenCount(12).setProcessingLatencyMicros(900)
                .setEventTime(Instant.ofEpochMilli(1_700_000_000_000L)).setDecidedAt(Instant.ofEpochMilli(1_700_000_000_100L))
                .setAudited(true).build();
    }

    private static LlmRequest request() {
        return LlmRequest.newBuilder().setSnippet(Fixtures.snippet()).setMatchedIntents(List.of())
                .setReasons(List.of()).setPolicy(applied()).setModelVersion("m-1")
                .setDecidedAt(Instant.ofEpochMilli(1_700_000_000_100L)).setKind(RequestKind.AUDIT).build();
    }

    private static FilterPolicy policy() {
        return FilterPolicy.newBuilder().setTenant("acme").setDefaultThreshold(0.7f).setAuditRate(0.05f)
                .setMaxAuditsPerHour(100).build();
    }

    private static PolicyChange change() {
        return PolicyChange.newBuilder().setPolicyId("acme").setChangedBy("ops")
                .setChangedAt(Instant.ofEpochMilli(1_700_000_000_000L)).setCurrent(policy()).build();
    }

    private static SnippetFeedback feedback() {
        return SnippetFeedback.newBuilder().setSnippetId("s-1").setIntents(List.of("data_export_request"))
                .setPolarity(Polarity.NEGATIVE).setSource("llm").setLabeledAt(Instant.ofEpochMilli(1_700_000_000_000L))
                .setOrigin(LabelOrigin.LLM).setLabeler("gpt-4o-mini").setBrand("Brightcart")
                .setConfidences(Map.of("data_export_request", 0.9f)).setContext(List.of("hi")).build();
    }
}
