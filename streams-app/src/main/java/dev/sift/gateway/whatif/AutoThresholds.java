package dev.sift.gateway.whatif;

import dev.sift.gateway.policy.ForwardRule;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proposes per-intent thresholds that keep the forward rate within a budget while keeping as much recall as
 * possible. Greedy: starting from thresholds of 1, repeatedly lower by 0.05 the threshold of the intent that gains
 * the most recall per extra forwarded snippet, while the rate stays within the budget. Recall is measured on labeled
 * feedback when there is some, else estimated from the calibrated probabilities themselves (a snippet forwarded at
 * probability p brings p expected true intents).
 */
public final class AutoThresholds {

    static {
        // Policies are copied with newBuilder(policy), which Avro only allows for trusted classes.
        dev.sift.schema.AvroTrust.ensure();
    }

    private static final float STEP = 0.05f;
    /** A threshold no probability reaches: the intents' own thresholds out of play. */
    private static final float UNREACHABLE_THRESHOLD = 2f;

    private AutoThresholds() {
    }

    /**
     * @param decisions recent decisions
     * @param modelIntents the intents of the model (a decision carries only those above the recording floor)
     * @param base the current policy (always/never-forward lists and the reputation rule are kept)
     * @param budget largest share of traffic to forward
     * @param truth labeled feedback, may be empty
     * @return a policy with the proposed thresholds; the base policy itself when there are no decisions
     */
    public static FilterPolicy propose(List<FilterDecision> decisions, List<String> modelIntents, FilterPolicy base,
            double budget, Map<String, Set<String>> truth) {
        if (decisions.isEmpty()) {
            // Nothing to learn from: lowering thresholds would cost nothing against an empty budget.
            return base;
        }
        List<String> intents = modelIntents.stream().filter(i -> !base.getNeverForward().contains(i)).toList();
        int n = decisions.size();
        float[][] scores = new float[n][intents.size()];
        boolean[] fixed = new boolean[n];
        for (int s = 0; s < n; s++) {
            Map<String, Float> byIntent = new LinkedHashMap<>();
            decisions.get(s).getIntents().forEach(x -> byIntent.put(x.getIntent(), x.getScore()));
            for (int k = 0; k < intents.size(); k++) {
                scores[s][k] = byIntent.getOrDefault(intents.get(k), 0f);
            }
        }
        // What is forwarded whatever the intent thresholds: always-forward intents and the reputation rule.
        FilterPolicy floor = withThresholds(base, intents, new float[intents.size()], UNREACHABLE_THRESHOLD);
        for (int s = 0; s < n; s++) {
            fixed[s] = WhatIf.evaluate(List.of(decisions.get(s)), floor, Map.of()).forwardRate() > 0;
        }
        float[] thresholds = new float[intents.size()];
        java.util.Arrays.fill(thresholds, 1f);
        boolean[] forwarded = fixed.clone();
        int count = 0;
        for (boolean f : forwarded) {
            count += f ? 1 : 0;
        }
        while (true) {
            int best = -1;
            double bestValue = 0;
            int bestAdded = 0;
            for (int k = 0; k < intents.size(); k++) {
                float next = thresholds[k] - STEP;
                if (next < STEP / 2) {
                    continue;
                }
                int added = 0;
                double gain = 0;
                for (int s = 0; s < n; s++) {
                    if (!forwarded[s] && scores[s][k] >= next && !passes(scores[s], thresholds)) {
                        added++;
                        Set<String> t = truth.get(decisions.get(s).getSnippetId());
                        gain += t != null ? (t.isEmpty() ? 0 : 1) : scores[s][k];
                    }
                }
                if (count + added > budget * n) {
                    continue;
                }
                double value = added == 0 ? 1e-9 : gain / added;
                if (best < 0 || value > bestValue || (value == bestValue && added < bestAdded)) {
                    best = k;
                    bestValue = value;
                    bestAdded = added;
                }
            }
            if (best < 0) {
                break;
            }
            thresholds[best] -= STEP;
            for (int s = 0; s < n; s++) {
                if (!forwarded[s] && scores[s][best] >= thresholds[best]) {
                    forwarded[s] = true;
                    count++;
                }
            }
        }
        return withThresholds(base, intents, thresholds, 0f);
    }

    private static boolean passes(float[] scores, float[] thresholds) {
        for (int k = 0; k < scores.length; k++) {
            if (ForwardRule.reaches(thresholds[k], scores[k])) {
                return true;
            }
        }
        return false;
    }

    private static FilterPolicy withThresholds(FilterPolicy base, List<String> intents, float[] thresholds,
            float override) {
        Map<String, Float> map = new LinkedHashMap<>();
        for (int k = 0; k < intents.size(); k++) {
            map.put(intents.get(k), override > 0 ? override : Math.round(thresholds[k] * 100) / 100f);
        }
        return FilterPolicy.newBuilder(base).setIntentThresholds(map).setNeverForward(new ArrayList<>(
                base.getNeverForward())).build();
    }
}
