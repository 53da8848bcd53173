package dev.sift.gateway.whatif;

import dev.sift.gateway.policy.ForwardBudget;
import dev.sift.gateway.policy.ForwardRule;
import dev.sift.gateway.policy.ForwardScores;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a proposed policy would have done to recent traffic: decisions carry every intent scoring at least the
 * recording floor ({@code sift.decisions.min-intent-score}, 0.01 by default) and the reputation scores, so a policy
 * can be replayed on them exactly ({@link ForwardRule} and {@link ForwardBudget}, as the live filter decides), without
 * the model, for any threshold at or above the floor and for a threshold of 0; an intent left out counts as not
 * reaching a threshold between the two.
 * With labeled feedback, precision and recall of "forwarded" against "has a true intent".
 *
 * <p>Brand mentions are known only for brands watched when the decisions were made: a rule watching new brands is
 * under-estimated until traffic was decided with it.
 */
public final class WhatIf {

    static {
        // Policies are copied with newBuilder(policy), which Avro only allows for trusted classes.
        dev.sift.schema.AvroTrust.ensure();
    }

    private WhatIf() {
    }

    /**
     * The prediction.
     *
     * @param snippets decisions replayed
     * @param forwardRate share forwarded
     * @param forwardRateByIntent share matching each intent (a snippet may count for several), before the budget
     * @param forwardRateByReputation share matching the reputation rule, before the budget
     * @param tokensSent tokens of the forwarded snippets
     * @param tokensTotal tokens of all snippets
     * @param budgetLimited whether the forward budget would hold snippets back
     * @param labeled replayed snippets with feedback
     * @param precision share of forwarded labeled snippets that have a true intent, or null
     * @param recall share of labeled snippets with a true intent that are forwarded, or null
     */
    @Serdeable
    public record Result(int snippets, double forwardRate, Map<String, Double> forwardRateByIntent,
            double forwardRateByReputation, long tokensSent, long tokensTotal, boolean budgetLimited, int labeled,
            @Nullable Double precision, @Nullable Double recall) {
    }

    /**
     * @param decisions recent decisions
     * @param policy the proposed policy
     * @param truth snippet id to its true intents (may be empty)
     * @return the prediction
     */
    public static Result evaluate(List<FilterDecision> decisions, FilterPolicy policy, Map<String, Set<String>> truth) {
        int n = decisions.size();
        int forwarded = 0;
        int byReputationCount = 0;
        long tokensSent = 0;
        long tokensTotal = 0;
        Map<String, Integer> byIntent = new LinkedHashMap<>();
        int labeled = 0;
        int relevant = 0;
        int forwardedLabeled = 0;
        int forwardedRelevant = 0;
        ForwardBudget budget = new ForwardBudget();
        String policyId = PolicyBook.idOf(policy.getTenant(), policy.getChannel());
        boolean limited = false;
        for (FilterDecision d : decisions) {
            ForwardScores scores = RecordedScores.of(d);
            List<String> matched = ForwardRule.matchedIntents(policy, scores);
            for (String intent : matched) {
                byIntent.merge(intent, 1, Integer::sum);
            }
            boolean byReputation = ForwardRule.reputationForwards(policy, scores);
            if (byReputation) {
                byReputationCount++;
            }
            boolean wouldForward = !matched.isEmpty() || byReputation;
            boolean forward = budget.admit(policyId, policy.getForwardBudget(), wouldForward,
                    matched.stream().anyMatch(policy.getAlwaysForward()::contains));
            limited |= wouldForward && !forward;
            tokensTotal += d.getTokenCount();
            if (forward) {
                forwarded++;
                tokensSent += d.getTokenCount();
            }
            Set<String> trueIntents = truth.get(d.getSnippetId());
            if (trueIntents != null) {
                labeled++;
                boolean isRelevant = !trueIntents.isEmpty();
                relevant += isRelevant ? 1 : 0;
                forwardedLabeled += forward ? 1 : 0;
                forwardedRelevant += forward && isRelevant ? 1 : 0;
            }
        }
        double rate = n == 0 ? 0 : (double) forwarded / n;
        Map<String, Double> rates = new LinkedHashMap<>();
        byIntent.forEach((k, v) -> rates.put(k, (double) v / n));
        return new Result(n, rate, rates, n == 0 ? 0 : (double) byReputationCount / n,
                tokensSent, tokensTotal, limited, labeled,
                forwardedLabeled == 0 ? null : (double) forwardedRelevant / forwardedLabeled,
                relevant == 0 ? null : (double) forwardedRelevant / relevant);
    }

    /** Intervals the threshold range [0, 1] of a curve is cut into. */
    public static final int CURVE_STEPS = 20;

    /** @return the thresholds a curve is drawn at: 0, 1 / {@value #CURVE_STEPS}, ..., 1 */
    public static double[] curveThresholds() {
        double[] thresholds = new double[CURVE_STEPS + 1];
        for (int i = 0; i <= CURVE_STEPS; i++) {
            thresholds[i] = (double) i / CURVE_STEPS;
        }
        return thresholds;
    }

    /**
     * Forward rate against each intent's threshold, the other thresholds as proposed: the curves ops tune against.
     * Without a forward budget, a snippet is forwarded at an intent's threshold {@code t} when the policy would forward
     * it without that intent, or the intent reaches {@code t}: each decision is read once per intent and tried at every
     * point of the grid, where replaying the policy once per point would read it {@value #CURVE_STEPS} + 1 times.
     *
     * @param decisions recent decisions
     * @param policy the base policy
     * @param intents intents to draw
     * @return per intent, the forward rate at thresholds 0, 0.05, ..., 1
     */
    public static Map<String, double[]> curves(List<FilterDecision> decisions, FilterPolicy policy,
            List<String> intents) {
        double[] grid = curveThresholds();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String intent : intents) {
            FilterPolicy others = withoutIntent(policy, intent);
            int[] forwarded = new int[grid.length];
            for (FilterDecision d : decisions) {
                ForwardScores scores = RecordedScores.of(d);
                boolean byOthers = ForwardRule.forwards(others, scores);
                // An intent the decision does not name scored below the recording floor: it reaches only 0.
                float score = scores.intents().getOrDefault(intent, 0f);
                for (int step = 0; step < grid.length; step++) {
                    if (byOthers || ForwardRule.reaches((float) grid[step], score)) {
                        forwarded[step]++;
                    }
                }
            }
            double[] rates = new double[grid.length];
            for (int step = 0; step < grid.length; step++) {
                rates[step] = decisions.isEmpty() ? 0 : (double) forwarded[step] / decisions.size();
            }
            out.put(intent, rates);
        }
        return out;
    }

    /** The policy with the intent never forwarding and no forward budget: what forwards a snippet besides it. */
    private static FilterPolicy withoutIntent(FilterPolicy policy, String intent) {
        Map<String, Float> thresholds = new LinkedHashMap<>(policy.getIntentThresholds());
        thresholds.remove(intent);
        List<String> never = new ArrayList<>(policy.getNeverForward());
        if (!never.contains(intent)) {
            never.add(intent);
        }
        List<String> always = new ArrayList<>(policy.getAlwaysForward());
        always.remove(intent);
        return FilterPolicy.newBuilder(policy).setIntentThresholds(thresholds).setNeverForward(never)
                .setAlwaysForward(always).setForwardBudget(null).build();
    }
}
