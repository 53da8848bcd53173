package dev.sift.gateway.topology;

import static dev.sift.gateway.support.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.support.TopologyDrivers;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.IntentScore;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.Polarity;
import dev.sift.schema.ReasonKind;
import dev.sift.schema.ReputationRule;
import dev.sift.schema.serde.AvroSerde;
import dev.sift.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FilterTopologyTest {

    private static final int MAX_TEXT_BYTES = 20_000;

    private final Topics topics = Topics.withDefaultNames();
    private TopologyTestDriver driver;
    private TestInputTopic<String, ConversationSnippet> snippets;
    private TestInputTopic<byte[], byte[]> rawSnippets;
    private TestOutputTopic<String, FilterDecision> decisions;
    private TestOutputTopic<String, LlmRequest> llm;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private LiveModel model;

    private static FilterPolicy policy() {
        return FilterPolicy.newBuilder()
                .setTenant("*").setDefaultThreshold(0.8f)
                .setIntentThresholds(Map.of("complaint", 0.7f))
                .setAlwaysForward(List.of("human_agent_request"))
                .setNeverForward(List.of("praise"))
                .setReputationRule(ReputationRule.newBuilder().setWatchedBrands(List.of("Brightcart"))
                        .setPolarity(Polarity.NEGATIVE).setThreshold(0.85f).build())
                .setUpdatedAt(Instant.EPOCH)
                .build();
    }

    @BeforeEach
    void startTopology() {
        model = new LiveModel(new ScriptedClassifier("model-v7"));
        StreamsBuilder builder = new StreamsBuilder();
        FilterTopology.build(builder, FilterParts.of(topics, model, new PolicyBook(policy()))
                .withLimits(new RecordLimits(InputLimits.DEFAULTS.withMaxTextBytes(MAX_TEXT_BYTES),
                        OutputLimits.DEFAULTS))
                .withClock(Clock.fixed(Instant.ofEpochMilli(1_700_000_005_000L), ZoneOffset.UTC)).withGateway("gw-1"));
        driver = TopologyDrivers.start(builder, topics, "filter-test");
        snippets = TopologyDrivers.input(driver, topics.snippets());
        rawSnippets = driver.createInputTopic(topics.snippets().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        decisions = TopologyDrivers.output(driver, topics.decisions());
        llm = TopologyDrivers.output(driver, topics.llmRequests());
        deadLetters = TopologyDrivers.output(driver, topics.deadLetters());
    }

    @AfterEach
    void stopTopology() {
        driver.close();
        model.close();
    }

    @Test
    void shouldForwardComplaintAboveThreshold() {
        // Given a complaint scored above its 0.7 threshold
        snippets.pipeInput("c-1", snippet("s-1", "c-1", "this is broken complaint=0.91"));

        // Then it reaches the LLM with the label that justified it
        LlmRequest request = llm.readValue();
        assertThat(request.getSnippet().getSnippetId()).isEqualTo("s-1");
        assertThat(request.getMatchedIntents()).extracting(IntentScore::getIntent).containsExactly("complaint");
        assertThat(request.getReasons().get(0).getKind()).isEqualTo(ReasonKind.INTENT_ABOVE_THRESHOLD);
        assertThat(decisions.readValue().getForwarded()).isTrue();
    }

    @Test
    void shouldHoldBackChitChatButStillRecordItsDecision() {
        snippets.pipeInput("c-1", snippet("s-2", "c-1", "haha see you at lunch"));

        assertThat(llm.isEmpty()).isTrue();
        FilterDecision decision = decisions.readValue();
        assertThat(decision.getForwarded()).isFalse();
        assertThat(decision.getReasons().get(0).getKind()).isEqualTo(ReasonKind.NO_INTENT_ABOVE_THRESHOLD);
    }

    @Test
    void shouldHoldBackComplaintBelowThreshold() {
        snippets.pipeInput("c-1", snippet("s-3", "c-1", "meh complaint=0.69"));

        assertThat(llm.isEmpty()).isTrue();
        assertThat(decisions.readValue().getReasons().get(0).getDetail()).isEqualTo("closest: complaint 0.69 < 0.70");
    }

    @Test
    void shouldLeaveIntentsScoringBelowTheFloorOutOfTheDecision() {
        // Given a snippet whose complaint and refund scores are below the 0.01 floor (the others score 0.05)
        snippets.pipeInput("c-1", snippet("s-5", "c-1", "complaint=0.004 refund_request=0.009"));

        // Then its decision carries every other intent, and still says which intent came closest
        FilterDecision decision = decisions.readValue();
        assertThat(decision.getIntents()).extracting(IntentScore::getIntent)
                .doesNotContain("complaint", "refund_request")
                .hasSize(ScriptedClassifier.INTENTS.size() - 2);
        assertThat(decision.getForwarded()).isFalse();
    }

    @Test
    void shouldRecordEveryIntentScoreWithTheThresholdApplied() {
        snippets.pipeInput("c-1", snippet("s-4", "c-1", "refund_request=0.85"));

        FilterDecision decision = decisions.readValue();
        assertThat(decision.getIntents()).hasSize(ScriptedClassifier.INTENTS.size());
        assertThat(decision.getIntents()).filteredOn(s -> s.getIntent().equals("refund_request")).singleElement()
                .satisfies(s -> {
                    assertThat(s.getScore()).isEqualTo(0.85f);
                    assertThat(s.getThreshold()).isEqualTo(0.8f);
                    assertThat(s.getMatched()).isTrue();
                });
        assertThat(decision.getIntents()).filteredOn(s -> s.getIntent().equals("complaint")).singleElement()
                .satisfies(s -> assertThat(s.getThreshold()).isEqualTo(0.7f));
        assertThat(decision.getPolicy().getPolicyId()).isEqualTo("*");
    }

    @Test
    void shouldApplyATenantPolicyFromThePoliciesTopicInsteadOfTheDefault() {
        // Given a policy for tenant acme that watches no brand and forwards complaints from 0.95 only
        TestInputTopic<String, FilterPolicy> policies = TopologyDrivers.input(driver, topics.policies());
        policies.pipeInput("acme", FilterPolicy.newBuilder(policy()).setTenant("acme").setRevision(4)
                .setIntentThresholds(Map.of("complaint", 0.95f)).build());

        // When a complaint at 0.91 arrives
        snippets.pipeInput("c-1", snippet("s-20", "c-1", "complaint=0.91"));

        // Then the tenant's policy decided, not the default
        FilterDecision decision = decisions.readValue();
        assertThat(decision.getForwarded()).isFalse();
        assertThat(decision.getPolicy().getPolicyId()).isEqualTo("acme");
        assertThat(decision.getPolicy().getRevision()).isEqualTo(4);
    }

    @Test
    void shouldHoldBackForwardsBeyondTheForwardBudget() {
        TestInputTopic<String, FilterPolicy> policies = TopologyDrivers.input(driver, topics.policies());
        policies.pipeInput("acme", FilterPolicy.newBuilder(policy()).setTenant("acme").setForwardBudget(0.25f).build());

        for (int i = 0; i < 100; i++) {
            snippets.pipeInput("c-1", snippet("b-" + i, "c-1", "complaint=0.99"));
        }

        List<FilterDecision> all = decisions.readValuesToList();
        long forwarded = all.stream().filter(FilterDecision::getForwarded).count();
        assertThat(forwarded).isBetween(20L, 30L);
        assertThat(all).filteredOn(d -> !d.getForwarded()).first().satisfies(d ->
                assertThat(d.getReasons().get(0).getKind()).isEqualTo(ReasonKind.BUDGET_EXHAUSTED));
    }

    @Test
    void shouldNeverForwardAnIntentListedAsNeverForward() {
        snippets.pipeInput("c-1", snippet("s-5", "c-1", "love it praise=0.99"));

        assertThat(llm.isEmpty()).isTrue();
        assertThat(decisions.readValue().getIntents()).filteredOn(s -> s.getIntent().equals("praise"))
                .singleElement().satisfies(s -> assertThat(s.getThreshold()).isNull());
    }

    @Test
    void shouldForwardAnAlwaysForwardIntentAtHalfConfidence() {
        snippets.pipeInput("c-1", snippet("s-6", "c-1", "can i talk to someone human_agent_request=0.55"));

        LlmRequest request = llm.readValue();
        assertThat(request.getReasons().get(0).getKind()).isEqualTo(ReasonKind.ALWAYS_FORWARD);
    }

    @Test
    void shouldForwardNegativeMentionOfAWatchedBrand() {
        snippets.pipeInput("c-9", snippet("s-7", "c-9", "worst shopping day ever thanks to brightcart negative=0.92"));

        LlmRequest request = llm.readValue();
        assertThat(request.getReasons()).extracting(r -> r.getKind()).containsExactly(ReasonKind.REPUTATION_RULE);
        assertThat(request.getReputation().getBrands()).containsExactly("Brightcart");
        assertThat(request.getReputation().getPolarity()).isEqualTo(Polarity.NEGATIVE);
    }

    @Test
    void shouldIgnoreNegativeMentionOfAnUnwatchedBrand() {
        snippets.pipeInput("c-9", snippet("s-8", "c-9", "Veloce Air lost my bag negative=0.95", List.of("Veloce Air")));

        assertThat(llm.isEmpty()).isTrue();
    }

    @Test
    void shouldKeyOutputsByConversationIdWhateverTheInputKey() {
        snippets.pipeInput("platform-key-7", snippet("s-9", "conv-42", "complaint=0.99"));

        assertThat(decisions.readRecord().key()).isEqualTo("conv-42");
        assertThat(llm.readRecord().key()).isEqualTo("conv-42");
    }

    @Test
    void shouldCarryModelVersionLatencyAndGatewayInTheDecision() {
        snippets.pipeInput("c-1", snippet("s-10", "c-1", "hello"));

        FilterDecision decision = decisions.readValue();
        assertThat(decision.getModelVersion()).isEqualTo("model-v7");
        assertThat(decision.getGateway()).isEqualTo("gw-1");
        assertThat(decision.getProcessingLatencyMicros()).isGreaterThanOrEqualTo(0);
        assertThat(decision.getDecidedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_005_000L));
        assertThat(decision.getTokenCount()).isEqualTo(3);
    }

    @Test
    void shouldSendUnreadableRecordToDeadLetterTopicWithReasonAndGoOn() {
        // Given garbage followed by a good snippet
        rawSnippets.pipeInput("c-1".getBytes(StandardCharsets.UTF_8), "not avro at all".getBytes(StandardCharsets.UTF_8));
        snippets.pipeInput("c-1", snippet("s-11", "c-1", "complaint=0.95"));

        // Then the garbage is in the dead-letter topic, with the reason, and the good one was decided
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
        assertThat(header(dead, "__streams.errors.message")).contains("not an Avro single-object record");
        assertThat(header(dead, "__streams.errors.topic")).isEqualTo(topics.snippets().name());
        assertThat(decisions.readValue().getSnippetId()).isEqualTo("s-11");
    }

    @Test
    void shouldSendARecordOfAnotherSchemaToDeadLetterTopic() {
        byte[] release = AvroSerde.of(ModelRelease.class).serialize("t", ModelRelease.newBuilder()
                .setVersion("v").setSequence(1).setBundleUri("file:/x").setSha256("0").setSizeBytes(1)
                .setBaseModel("m").setIntents(List.of()).setCreatedAt(Instant.EPOCH).build());
        rawSnippets.pipeInput("c-1".getBytes(StandardCharsets.UTF_8), release);

        assertThat(header(deadLetters.readRecord(), "__streams.errors.message"))
                .contains("record of another schema: got dev.sift.schema.ModelRelease");
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldSendASnippetWithoutConversationToDeadLetterTopic() {
        snippets.pipeInput("c-1", snippet("s-12", "", "complaint=0.99"));

        assertThat(header(deadLetters.readRecord(), "__streams.errors.message"))
                .isEqualTo("snippet s-12 has no conversationId");
        assertThat(decisions.isEmpty()).isTrue();
        assertThat(llm.isEmpty()).isTrue();
    }

    @Test
    void shouldSendASnippetWithoutTextToDeadLetterTopic() {
        snippets.pipeInput("c-1", snippet("s-13", "c-1", " \n\t "));

        assertThat(header(deadLetters.readRecord(), "__streams.errors.message")).isEqualTo("snippet s-13 has no text");
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldSendASnippetWithoutKeyToDeadLetterTopic() {
        snippets.pipeInput(null, snippet("s-14", "c-1", "complaint=0.99"));

        assertThat(header(deadLetters.readRecord(), "__streams.errors.message"))
                .startsWith("snippet s-14 has no record key");
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldSendATextBeyondTheSizeLimitToDeadLetterTopicWithoutCopyingIt() {
        // Given a text one byte over the limit, counted in UTF-8 (é is 2 bytes)
        String text = "é".repeat(MAX_TEXT_BYTES / 2) + "x";

        // When
        snippets.pipeInput("c-1", snippet("s-15", "c-1", text));

        // Then
        assertThat(header(deadLetters.readRecord(), "__streams.errors.message")).isEqualTo(
                "snippet s-15 has " + (MAX_TEXT_BYTES + 1) + " bytes of text, more than sift.input.max-text-bytes ("
                        + MAX_TEXT_BYTES + ")");
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldSendInvalidUtf8ToDeadLetterTopicInsteadOfRepairingIt() {
        // Given a snippet whose text bytes are not valid UTF-8
        byte[] bytes = Snippets.withInvalidUtf8Text("s-16", "c-1");

        // When
        rawSnippets.pipeInput("c-1".getBytes(StandardCharsets.UTF_8), bytes);

        // Then
        assertThat(header(deadLetters.readRecord(), "__streams.errors.message"))
                .contains("string that is not valid UTF-8");
        assertThat(decisions.isEmpty()).isTrue();
    }

    @Test
    void shouldDecideOddButMeaningfulText() {
        // Given control and zero-width characters, emoji and mixed scripts, one endless token, a text at the limit
        List<String> odd = List.of("refund\u200B\u200Dplease\u0007\u0000 now", "😡😡 ужасный service 服务 很差 🙄",
                "a".repeat(5_000), "word ".repeat(MAX_TEXT_BYTES / 5));

        // When
        for (int i = 0; i < odd.size(); i++) {
            snippets.pipeInput("c-1", snippet("s-odd-" + i, "c-1", odd.get(i)));
        }

        // Then every one is decided, none dead-lettered
        assertThat(decisions.readValuesToList()).extracting(FilterDecision::getSnippetId)
                .containsExactly("s-odd-0", "s-odd-1", "s-odd-2", "s-odd-3");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
