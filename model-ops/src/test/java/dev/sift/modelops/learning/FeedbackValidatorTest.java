package dev.sift.modelops.learning;

import static dev.sift.modelops.learning.LabelFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.sift.schema.LabelOrigin;
import dev.sift.schema.Polarity;
import dev.sift.schema.SnippetFeedback;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Test
    void shouldCarryTheLabelersConfidencesUnderCanonicalIntentNames() {
        // Given an LLM's label with a confidence per intent it scored, one written as a reviewer might
        SnippetFeedback feedback = feedback("s1", List.of("complaint"))
                .setConfidences(Map.of("complaint", 0.9f, "Refund Request", 0.25f, "praise", 0f)).build();

        // When checked
        SnippetLabel label = validator.check(feedback, 0, NOW).value();

        // Then the confidences are kept, by canonical name, sorted
        assertThat(label.confidences()).containsExactly(entry("complaint", 0.9f), entry("praise", 0f),
                entry("refund_request", 0.25f));
        // And a record without any (version 1, or a reviewer's) has none
        assertThat(validator.check(feedback("s2", List.of("complaint")).build(), 0, NOW).value().confidences())
                .isEmpty();
    }

    @Test
    void shouldRefuseConfidencesThatCannotBeSoftTargets() {
        // Given records whose confidences a forger could write: out of range, not finite, not intent names, two
        // spellings of one intent that disagree, and more than any catalogue holds
        Map<String, Map<String, Float>> hostile = new LinkedHashMap<>();
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.01f, 1.0001f,
                1e30f, -Float.MAX_VALUE}) {
            hostile.put("value " + bad, Map.of("complaint", bad));
        }
        for (String bad : List.of("../../etc/passwd", "", "  ", "intent\u0000", "é_accent", "x".repeat(300))) {
            hostile.put("name '" + bad + "'", Map.of(bad, 0.5f));
        }
        hostile.put("two spellings", Map.of("Refund Request", 0.9f, "refund_request", 0.1f));
        Map<String, Float> flood = new HashMap<>();
        for (int i = 0; i <= RecordLimits.MAX_CONFIDENCES; i++) {
            flood.put("intent_" + i, 0.5f);
        }
        hostile.put("flood", flood);

        // Then each record is refused as a whole, naming the confidence
        hostile.forEach((what, confidences) -> {
            Checked<SnippetLabel> checked = validator.check(feedback("s1", List.of("complaint"))
                    .setConfidences(confidences).build(), 0, NOW);
            assertThat(checked.refusal()).as(what).isEqualTo(RefusalReason.INVALID_CONFIDENCE);
            assertThat(checked.detail()).as(what).contains("confidence");
        });
        // And the edges of the range, and two spellings that agree, are accepted
        assertThat(validator.check(feedback("s1", List.of()).setConfidences(Map.of("a", 0f, "b", 1f,
                "Refund Request", 0.5f, "refund_request", 0.5f)).build(), 0, NOW).refusal()).isNull();
        Map<String, Float> full = new HashMap<>();
        for (int i = 0; i < RecordLimits.MAX_CONFIDENCES; i++) {
            full.put("intent_" + i, 0.5f);
        }
        assertThat(validator.check(feedback("s1", List.of()).setConfidences(full).build(), 0, NOW).refusal())
                .isNull();
    }

    private static SnippetFeedback.Builder feedback(String snippetId, List<String> intents) {
        return SnippetFeedback.newBuilder().setSnippetId(snippetId).setIntents(new ArrayList<>(intents))
                .setPolarity(null).setOrigin(LabelOrigin.LLM).setSource("llm").setLabeler("gpt-test")
                .setLabeledAt(NOW.minusSeconds(60));
    }
}
