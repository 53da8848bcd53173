package dev.sift.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.classifier.Classification;
import dev.sift.gateway.support.Snippets;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.ForwardReason;
import dev.sift.schema.IntentScore;
import dev.sift.schema.ReasonKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

    private static final List<String> INTENTS = List.of("complaint", "cancellation_risk", "refund_request",
            "purchase_intent");
    private static final float FLOOR = 0.01f;

    private static FilterPolicy policy(Map<String, Float> thresholds) {
        return FilterPolicy.newBuilder().setTenant("*").setDefaultThreshold(0.8f).setIntentThresholds(thresholds)
                .setUpdatedAt(Instant.EPOCH).build();
    }

    private static Classification scores(float... intentScores) {
        return new Classification(INTENTS, intentScores, List.of(), new float[0], 12, false);
    }

    private static Verdict evaluate(FilterPolicy policy, Classification scores, float floor) {
        return PolicyEvaluator.evaluate(policy, "*", Snippets.snippet("s-1", "c-1", "text"), scores, floor);
    }

    @Test
    void shouldKeepAMatchedIntentInTheVerdictEvenBelowTheFloor() {
        // Given ops set a complaint threshold below the floor, and a snippet scoring between the two
        FilterPolicy policy = policy(Map.of("complaint", 0.005f));

        // When it is evaluated
        Verdict verdict = evaluate(policy, scores(0.008f, 0.002f, 0.3f, 0.001f), FLOOR);

        // Then it is forwarded, and the verdict keeps the matched complaint and the refund above the floor only
        assertThat(verdict.forwarded()).isTrue();
        assertThat(verdict.intents()).extracting(IntentScore::getIntent)
                .containsExactly("complaint", "refund_request");
        assertThat(verdict.matchedIntents()).extracting(IntentScore::getIntent).containsExactly("complaint");
    }

    @Test
    void shouldExplainAHeldBackSnippetByItsClosestIntentEvenWhenThatIntentIsLeftOut() {
        // Given a snippet scoring below the floor on every intent
        Verdict verdict = evaluate(policy(Map.of()), scores(0.002f, 0.009f, 0.004f, 0.001f), FLOOR);

        // Then no intent is recorded, and the reason still names the one closest to its threshold
        assertThat(verdict.intents()).isEmpty();
        ForwardReason reason = verdict.reasons().get(0);
        assertThat(reason.getKind()).isEqualTo(ReasonKind.NO_INTENT_ABOVE_THRESHOLD);
        assertThat(reason.getLabel()).isEqualTo("cancellation_risk");
        assertThat(reason.getDetail()).isEqualTo("closest: cancellation_risk 0.01 < 0.80");
    }

    @Property
    void shouldDecideTheSameWhateverTheFloor(
            @ForAll @Size(4) List<@FloatRange(min = 0, max = 1) Float> intentScores,
            @ForAll @FloatRange(min = 0, max = 1) float complaintThreshold,
            @ForAll @FloatRange(min = 0, max = 0.2f) float floor) {
        // Given any scores and any threshold
        float[] values = new float[intentScores.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = intentScores.get(i);
        }
        FilterPolicy policy = policy(Map.of("complaint", complaintThreshold));

        // When the same snippet is evaluated keeping every intent, and with a floor
        Verdict every = evaluate(policy, scores(values), 0f);
        Verdict floored = evaluate(policy, scores(values), floor);

        // Then the decision and its reasons are the same, and only unmatched intents below the floor are left out
        assertThat(floored.forwarded()).isEqualTo(every.forwarded());
        assertThat(floored.reasons()).isEqualTo(every.reasons());
        assertThat(floored.intents()).isEqualTo(every.intents().stream()
                .filter(s -> s.getMatched() || s.getScore() >= floor).toList());
    }
}
