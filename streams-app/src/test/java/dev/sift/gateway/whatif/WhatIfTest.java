package dev.sift.gateway.whatif;

import static dev.sift.gateway.support.Snippets.snippet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.gateway.support.ScriptedClassifier;
import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.Polarity;
import dev.sift.schema.ReputationRule;
import dev.sift.schema.ConversationSnippet;
import dev.sift.gateway.policy.Verdict;
import dev.sift.gateway.topology.DecisionDetail;
import dev.sift.schema.IntentScore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WhatIfTest {

    private static final ScriptedClassifier MODEL = new ScriptedClassifier("v1");

    private static FilterPolicy policy(float complaint, float refund) {
        return FilterPolicy.newBuilder().setTenant("acme").setDefaultThreshold(0.6f)
                .setIntentThresholds(Map.of("complaint", complaint, "refund_request", refund))
                .setNeverForward(List.of("praise"))
                .setReputationRule(ReputationRule.newBuilder().setWatchedBrands(List.of("Brightcart"))
                        .setPolarity(Polarity.NEGATIVE).setThreshold(0.8f).build())
                .setUpdatedAt(Instant.EPOCH).build();
    }

    /** Decisions as the gateway writes them, from random scripted scores. */
    private static List<ConversationSnippet> traffic(int n) {
        Random random = new Random(3);
        List<ConversationSnippet> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = String.format(java.util.Locale.ROOT, "complaint=%.2f refund_request=%.2f praise=%.2f negative=%.2f",
                    random.nextFloat(), random.nextFloat(), random.nextFloat(), random.nextFloat() * 0.9f);
            out.add(snippet("s-" + i, "c", text, random.nextBoolean() ? List.of("Brightcart") : List.of()));
        }
        return out;
    }

    private static FilterDecision decide(ConversationSnippet s, FilterPolicy policy) {
        return decide(s, policy, 0f);
    }

    private static FilterDecision decide(ConversationSnippet s, FilterPolicy policy, float minIntentScore) {
        Verdict v = PolicyEvaluator.evaluate(policy, "acme", s, MODEL.classify(s.getText()), minIntentScore);
        return FilterDecision.newBuilder().setSnippetId(s.getSnippetId()).setConversationId("c").setTenant("acme")
                .setChannel("chat").setIntents(v.intents()).setReputation(v.reputation())
                .setPolicy(AppliedPolicy.newBuilder().setPolicyId("acme").setRevision(0).build())
                .setForwarded(v.forwarded()).setReasons(v.reasons()).setModelVersion("v1").setTokenCount(10)
                .setProcessingLatencyMicros(1).setEventTime(Instant.EPOCH).setDecidedAt(Instant.EPOCH).build();
    }

    @Test
    void shouldPredictExactlyWhatTheEvaluatorDecidesUnderTheProposedPolicy() {
        // Given traffic decided under one policy
        List<ConversationSnippet> traffic = traffic(2000);
        List<FilterDecision> recorded = traffic.stream().map(s -> decide(s, policy(0.9f, 0.9f))).toList();

        // When another policy is proposed
        FilterPolicy proposed = policy(0.4f, 0.7f);
        WhatIf.Result predicted = WhatIf.evaluate(recorded, proposed, Map.of());

        // Then the prediction is what that policy actually does on the same traffic
        long actual = traffic.stream().map(s -> decide(s, proposed)).filter(FilterDecision::getForwarded).count();
        assertThat(predicted.forwardRate()).isEqualTo(actual / 2000.0);
        assertThat(predicted.tokensSent()).isEqualTo(actual * 10);
        assertThat(predicted.forwardRateByIntent()).containsKeys("complaint", "refund_request").doesNotContainKey("praise");
    }

    @Test
    void shouldMeasurePrecisionAndRecallAgainstFeedback() {
        List<FilterDecision> recorded = traffic(500).stream().map(s -> decide(s, policy(0.5f, 0.5f))).toList();
        Map<String, Set<String>> truth = new java.util.HashMap<>();
        recorded.forEach(d -> truth.put(d.getSnippetId(), d.getIntents().get(0).getScore() > 0.5f
                ? Set.of("complaint") : Set.of()));

        WhatIf.Result result = WhatIf.evaluate(recorded, policy(0.5f, 1.0f), truth);

        assertThat(result.labeled()).isEqualTo(500);
        assertThat(result.recall()).isEqualTo(1.0);
        assertThat(result.precision()).isBetween(0.5, 1.0);
    }

    @Test
    void shouldProposeThresholdsWithinTheBudget() {
        List<FilterDecision> recorded = traffic(2000).stream().map(s -> decide(s, policy(0.5f, 0.5f))).toList();

        FilterPolicy proposal = AutoThresholds.propose(recorded, MODEL.info().intents(), policy(0.5f, 0.5f), 0.30,
                Map.of());
        WhatIf.Result result = WhatIf.evaluate(recorded, proposal, Map.of());

        assertThat(result.forwardRate()).isLessThanOrEqualTo(0.30).isGreaterThan(0.20);
        assertThat(proposal.getNeverForward()).containsExactly("praise");
    }

    @Test
    void shouldProposeTheCurrentPolicyWhenThereIsNoTrafficToLearnFrom() {
        FilterPolicy current = policy(0.5f, 0.5f);

        FilterPolicy proposal = AutoThresholds.propose(List.of(), MODEL.info().intents(), current, 0.30, Map.of());

        assertThat(proposal).isEqualTo(current);
    }

    @Test
    void shouldCountAnIntentLeftOutOfTheDecisionAsReachingAThresholdOfZero() {
        // Given a decision recorded with the default floor, where the complaint scored under it and was left out
        ConversationSnippet quiet = snippet("s-1", "c", "complaint=0.004 refund_request=0.003", List.of());
        FilterDecision decision = decide(quiet, policy(0.9f, 0.9f), DecisionDetail.DEFAULTS.minIntentScore());
        assertThat(decision.getIntents()).extracting(IntentScore::getIntent).doesNotContain("complaint");

        // When ops ask what a complaint threshold of 0 would do
        WhatIf.Result result = WhatIf.evaluate(List.of(decision), policy(0f, 0.9f), Map.of());

        // Then the snippet counts as forwarded for its complaint, as the live evaluator would forward it
        assertThat(result.forwardRate()).isEqualTo(1.0);
        assertThat(result.forwardRateByIntent()).containsEntry("complaint", 1.0);
        assertThat(PolicyEvaluator.evaluate(policy(0f, 0.9f), "acme", quiet, MODEL.classify(quiet.getText()))
                .forwarded()).isTrue();
    }

    @Test
    void shouldDrawEachCurvePointAsTheProposedPolicyWouldForwardAtThatThreshold() {
        // Given decisions recorded with the default floor, under a policy that never forwards praise
        List<FilterDecision> recorded = traffic(1000).stream()
                .map(s -> decide(s, policy(0.9f, 0.9f), DecisionDetail.DEFAULTS.minIntentScore())).toList();
        FilterPolicy base = policy(0.5f, 0.7f);

        // When the curves are drawn
        Map<String, double[]> curves = WhatIf.curves(recorded, base, List.of("complaint", "praise", "security"));

        // Then every point is the forward rate of the policy with that intent at that threshold, allowed to forward
        double[] grid = WhatIf.curveThresholds();
        for (String intent : curves.keySet()) {
            for (int step = 0; step < grid.length; step++) {
                Map<String, Float> thresholds = new java.util.HashMap<>(base.getIntentThresholds());
                thresholds.put(intent, (float) grid[step]);
                List<String> never = new ArrayList<>(base.getNeverForward());
                never.remove(intent);
                FilterPolicy point = FilterPolicy.newBuilder(base).setIntentThresholds(thresholds)
                        .setNeverForward(never).build();
                assertThat(curves.get(intent)[step]).as("%s at %.2f", intent, grid[step])
                        .isEqualTo(WhatIf.evaluate(recorded, point, Map.of()).forwardRate());
            }
        }
    }
}
