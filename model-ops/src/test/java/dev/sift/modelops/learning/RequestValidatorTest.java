package dev.sift.modelops.learning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.TurnRole;
import dev.sift.modelops.dataset.ContextLimits;
import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.IntentScore;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.RequestKind;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests give an example its text and the model's view; their size is bounded too. */
class RequestValidatorTest {

    static {
        // Builders of generated records resolve enum defaults through Avro's class allow-list.
        dev.sift.schema.AvroTrust.ensure();
    }

    private final RequestValidator validator = new RequestValidator(new RecordLimits(2, 20, 10,
            Duration.ofMinutes(5)));

    @Test
    void shouldCutALongTextAndBoundTheModelsIntents() {
        RequestText text = validator.check(request("s1", "0123456789abcdef", "complaint", "Praise", "refund_request"))
                .value();

        assertThat(text.text()).isEqualTo("0123456789");
        assertThat(text.modelIntents()).containsExactly("complaint", "praise");
        assertThat(text.kind()).isEqualTo(RequestKind.AUDIT);
    }

    @Test
    void shouldNotCutATextInsideACharacterSoThatItsExampleCanBeStored(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) {
        // Given a text whose tenth and eleventh chars are one emoji (a surrogate pair), cut at ten chars
        RequestText text = validator.check(request("s1", "012345678\uD83D\uDE00 and more")).value();

        // Then the emoji goes whole, and the example can be written to a data set version
        assertThat(text.text()).isEqualTo("012345678");
        LabeledExample example = new LabeledExample(text, LabelFixtures.label("s1",
                dev.sift.schema.LabelOrigin.LLM, 1, "complaint"));
        DatasetVersion version = DatasetVersion.build(new DatasetVersion.Inputs(List.of(example),
                java.util.Optional.empty(), 0.2, java.util.Map.of(), java.util.Map.of(), 0), Instant.EPOCH);
        DatasetStore store = new DatasetStore(dir);
        store.write(version);
        assertThat(store.read(version.version())).isPresent();
    }

    @Test
    void shouldRefuseARequestWithoutText() {
        assertThat(validator.check(request("s1", "  ")).refusal()).isEqualTo(RefusalReason.NO_TEXT);
        assertThat(validator.check(request("", "text")).refusal()).isEqualTo(RefusalReason.INVALID_SNIPPET_ID);
    }

    @Test
    void shouldKeepOnlyAnAuditRateInZeroToOneAndCutTheTenant() {
        // Given audit requests whose rate a writer got wrong or forged, and a tenant name of 10,000 characters
        for (float forged : new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0.5f, 0f, 7f}) {
            LlmRequest request = request("s1", "text");
            request.getPolicy().setAuditRate(forged);
            request.getSnippet().setTenant("t".repeat(10_000));

            // Then the example keeps no rate (it trains, but weighs nothing in the quality estimate), and a short tenant
            RequestText text = validator.check(request).value();
            assertThat(text.auditRate()).as("rate %s", forged).isZero();
            assertThat(text.tenant()).hasSize(20);
        }
        // And a rate in (0, 1] is kept as it is
        LlmRequest sampled = request("s2", "text");
        sampled.getPolicy().setAuditRate(0.02f);
        assertThat(validator.check(sampled).value().auditRate())
                .isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void shouldKeepTheContextAReplyWasJudgedWithAsTurnsTheTrainersRead() {
        // Given an audited reply judged after an agent's question, a blank turn and an over-long customer turn
        LlmRequest reply = request("s-3", "yes please");
        reply.setContext(List.of(
                ContextTurn.newBuilder().setSnippetId("s-1").setRole(SpeakerRole.CUSTOMER)
                        .setText("0123456789 and more").build(),
                ContextTurn.newBuilder().setSnippetId("s-x").setRole(SpeakerRole.BOT).setText("  ").build(),
                ContextTurn.newBuilder().setSnippetId("s-2").setRole(SpeakerRole.AGENT)
                        .setText("Cancel it?").build()));

        // When it is checked
        RequestText text = validator.check(reply).value();

        // Then the example keeps each side's turns, cut like a text, the blank one skipped, oldest first
        assertThat(text.context()).containsExactly(new SpokenTurn(TurnRole.CUSTOMER, "0123456789"),
                new SpokenTurn(TurnRole.SERVICE, "Cancel it?"));
        assertThat(new LabeledExample(text, LabelFixtures.label("s-3", dev.sift.schema.LabelOrigin.LLM, 1,
                "cancel_subscription")).snippet().context()).isEqualTo(text.context());
    }

    @Test
    void shouldKeepOnlyTheLatestTurnsOfAnOverlongContext() {
        // Given a request whose writer claims far more earlier turns than any example may carry
        LlmRequest flood = request("s-1", "text");
        List<ContextTurn> turns = new java.util.ArrayList<>();
        for (int i = 0; i < ContextLimits.MAX_TURNS + 50; i++) {
            turns.add(ContextTurn.newBuilder().setSnippetId("t-" + i).setRole(SpeakerRole.CUSTOMER)
                    .setText("turn " + i).build());
        }
        flood.setContext(turns);

        // Then the latest ones are kept, no more than the limit of turns
        List<SpokenTurn> kept = new RequestValidator(new RecordLimits(2, 20, 100_000, Duration.ofMinutes(5)))
                .check(flood).value().context();
        assertThat(kept).hasSize(ContextLimits.MAX_TURNS);
        assertThat(kept.get(kept.size() - 1).text()).isEqualTo("turn " + (ContextLimits.MAX_TURNS + 49));
    }

    @Test
    void shouldKeepNoMoreThanAFewTextsWorthOfContextHoweverLongItsTurns() {
        // Given a request whose earlier turns are each at the text limit (10 characters here) and many
        LlmRequest flood = request("s-1", "text");
        List<ContextTurn> turns = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            turns.add(ContextTurn.newBuilder().setSnippetId("t-" + i).setRole(SpeakerRole.CUSTOMER)
                    .setText(i + "-" + "x".repeat(1_000)).build());
        }
        flood.setContext(turns);

        // When it is checked
        List<SpokenTurn> kept = validator.check(flood).value().context();

        // Then the newest turns fill the room of four texts, each cut, in order
        assertThat(kept).extracting(SpokenTurn::text).containsExactly("96-xxxxxxx", "97-xxxxxxx", "98-xxxxxxx",
                "99-xxxxxxx");
    }

    static LlmRequest request(String snippetId, String text, String... matched) {
        ConversationSnippet snippet = ConversationSnippet.newBuilder().setSnippetId(snippetId)
                .setConversationId("c").setTenant("acme").setChannel("chat")
                .setSpeaker(Speaker.newBuilder().setId("u").build()).setText(text)
                .setEventTime(Instant.EPOCH).build();
        return LlmRequest.newBuilder().setSnippet(snippet)
                .setMatchedIntents(java.util.Arrays.stream(matched).map(i -> IntentScore.newBuilder().setIntent(i)
                        .setScore(0.9f).setThreshold(0.8f).setMatched(true).build()).toList())
                .setReasons(List.of()).setPolicy(AppliedPolicy.newBuilder().setPolicyId("default").setRevision(1)
                        .build())
                .setModelVersion("m").setDecidedAt(Instant.EPOCH).setKind(RequestKind.AUDIT).build();
    }
}
