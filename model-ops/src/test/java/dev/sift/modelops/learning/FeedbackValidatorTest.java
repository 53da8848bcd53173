package dev.sift.modelops.learning;

import static dev.sift.modelops.learning.LabelFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.schema.LabelOrigin;
import dev.sift.schema.Polarity;
import dev.sift.schema.SnippetFeedback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feedback records are untrusted: bounded, checked, refused with a reason. */
class FeedbackValidatorTest {

    static {
        // Builders of generated records resolve enum defaults through Avro's class allow-list.
        dev.sift.schema.AvroTrust.ensure();
    }

    private final FeedbackValidator validator = new FeedbackValidator(new RecordLimits(4, 20, 100,
            Duration.ofMinutes(5)));

    @Test
    void shouldAcceptAWellFormedLabelAndCanonicalizeItsIntents() {
        // Given a label whose intents are written as a reviewer might
        SnippetFeedback feedback = feedback("s1", List.of("Refund Request", "refund-request", "complaint"))
                .setPolarity(Polarity.NEGATIVE).setBrand("Orbit").build();

        // When checked
        Checked<SnippetLabel> checked = validator.check(feedback, 0, NOW);

        // Then it is accepted with canonical, sorted, distinct intents
        assertThat(checked.refusal()).isNull();
        SnippetLabel label = checked.value();
        assertThat(label.intents()).containsExactly("complaint", "refund_request");
        assertThat(label.polarity()).isEqualTo("negative");
        assertThat(label.brand()).isEqualTo("Orbit");
        assertThat(label.origin()).isEqualTo(LabelOrigin.LLM);
        assertThat(label.labeledAt()).isEqualTo(NOW.minusSeconds(60).toEpochMilli());
    }

    @Test
    void shouldRefuseALabelWithTooManyIntents() {
        Checked<SnippetLabel> checked = validator.check(feedback("s1", List.of("a", "b", "c", "d", "e")).build(), 0,
                NOW);

        assertThat(checked.refusal()).isEqualTo(RefusalReason.TOO_MANY_INTENTS);
        assertThat(checked.accepted()).isEmpty();
    }

    @Test
    void shouldRefuseIntentNamesThatCannotBeNames() {
        for (String bad : List.of("../../etc/passwd", "", "  ", "intent\u0000", "é_accent", "a".repeat(65),
                "x".repeat(10_000), "_leading")) {
            assertThat(validator.check(feedback("s1", List.of(bad)).build(), 0, NOW).refusal()).as(bad)
                    .isEqualTo(RefusalReason.INVALID_INTENT);
        }
        assertThat(validator.check(feedback("s1", List.of("a".repeat(64))).build(), 0, NOW).refusal()).isNull();
    }

    @Test
    void shouldRefuseOversizedLabelerOrBrand() {
        assertThat(validator.check(feedback("s1", List.of()).setLabeler("x".repeat(21)).build(), 0, NOW).refusal())
                .isEqualTo(RefusalReason.LABEL_TOO_LONG);
        assertThat(validator.check(feedback("s1", List.of()).setBrand("x".repeat(21)).build(), 0, NOW).refusal())
                .isEqualTo(RefusalReason.LABEL_TOO_LONG);
    }

    @Test
    void shouldRefuseABlankOrOversizedSnippetId() {
        assertThat(validator.check(feedback(" ", List.of()).build(), 0, NOW).refusal())
                .isEqualTo(RefusalReason.INVALID_SNIPPET_ID);
        assertThat(validator.check(feedback("s".repeat(257), List.of()).build(), 0, NOW).refusal())
                .isEqualTo(RefusalReason.INVALID_SNIPPET_ID);
    }

    @Test
    void shouldRefuseALabelTimeInTheFutureThatWouldWinEveryConflict() {
        SnippetFeedback feedback = feedback("s1", List.of()).setLabeledAt(Instant.ofEpochMilli(Long.MAX_VALUE))
                .build();

        assertThat(validator.check(feedback, 0, NOW).refusal()).isEqualTo(RefusalReason.FUTURE_LABEL_TIME);
        assertThat(validator.check(feedback("s1", List.of()).setLabeledAt(NOW.plusSeconds(299)).build(), 0, NOW)
                .refusal()).isNull();
    }

    @Test
    void shouldTakeTheRecordTimeForALabelWithoutOne() {
        // Given a version-1 record: no label time, written by a reviewer
        SnippetFeedback v1 = SnippetFeedback.newBuilder().setSnippetId("s1").setIntents(List.of("complaint"))
                .setPolarity(null).build();

        // Then its time is the record's, its origin HUMAN
        SnippetLabel label = validator.check(v1, NOW.minusSeconds(5).toEpochMilli(), NOW).value();
        assertThat(label.labeledAt()).isEqualTo(NOW.minusSeconds(5).toEpochMilli());
        assertThat(label.origin()).isEqualTo(LabelOrigin.HUMAN);
    }

    private static SnippetFeedback.Builder feedback(String snippetId, List<String> intents) {
        return SnippetFeedback.newBuilder().setSnippetId(snippetId).setIntents(new ArrayList<>(intents))
                .setPolarity(null).setOrigin(LabelOrigin.LLM).setSource("llm").setLabeler("gpt-test")
                .setLabeledAt(NOW.minusSeconds(60));
    }
}
