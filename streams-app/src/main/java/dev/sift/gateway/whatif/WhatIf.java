package dev.sift.gateway.whatif;

import dev.sift.gateway.policy.BrandMatcher;
import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.IntentScore;
import dev.sift.schema.ReputationRule;
import dev.sift.schema.ReputationScores;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a proposed policy would have done to recent traffic: decisions carry every intent scoring at least the
 * recording floor ({@code sift.decisions.min-intent-score}, 0.01 by default) and the reputation scores, so a policy
 * can be replayed on them exactly (the same rule as the live evaluator), without the model, for any threshold at or
 * above the floor and for a threshold of 0; an intent left out counts as not reaching a threshold between the two.
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
     * @param forwardRateByIntent share forwarded because of each intent (a snippet may count for several)
     * @param forwardRateByReputation share forwarded because of the reputation rule
     * @param tokensSent tokens of the forwarded snippets
     * @param tokensTotal tokens of all snippets
     * @param budgetLimited whether the forward budget would cap the rate
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
        int byReputation = 0;
        long tokensSent = 0;
        long tokensTotal = 0;
        Map<String, Integer> byIntent = new LinkedHashMap<>();
        int labeled = 0;
        int relevant = 0;
        int forwardedLabeled = 0;
        int forwardedRelevant = 0;
        // An intent left out of a decision scored under the recording floor, but still at or above a threshold of 0.
        List<String> matchAnyScore = policy.getIntentThresholds().keySet().stream().filter(intent -> {
            Float threshold = PolicyEvaluator.thresholdOf(policy, intent);
            return threshold != null && threshold <= 0;
        }).toList();
        for (FilterDecision d : decisions) {
            boolean forward = false;
            List<String> matched = new ArrayList<>();
            for (IntentScore s : d.getIntents()) {
                Float threshold = PolicyEvaluator.thresholdOf(policy, s.getIntent());
                if (threshold != null && s.getScore() >= threshold) {
                    matched.add(s.getIntent());
                }
            }
            for (String intent : matchAnyScore) {
                if (!matched.contains(intent)) {
                    matched.add(intent);
                }
            }
            for (String intent : matched) {
                byIntent.merge(intent, 1, Integer::sum);
                forward = true;
            }
            if (reputation(policy.getReputationRule(), d.getReputation())) {
                byReputation++;
                forward = true;
            }
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
        boolean limited = policy.getForwardBudget() != null && rate > policy.getForwardBudget();
        Map<String, Double> rates = new LinkedHashMap<>();
        byIntent.forEach((k, v) -> rates.put(k, (double) v / n));
        return new Result(n, limited ? policy.getForwardBudget() : rate, rates, n == 0 ? 0 : (double) byReputation / n,
                tokensSent, tokensTotal, limited, labeled,
                forwardedLabeled == 0 ? null : (double) forwardedRelevant / forwardedLabeled,
                relevant == 0 ? null : (double) forwardedRelevant / relevant);
    }

    private static boolean reputation(ReputationRule rule, ReputationScores scores) {
        if (rule == null || scores == null) {
            return false;
        }
        List<String> brands = BrandMatcher.mentioned(rule.getWatchedBrands(), scores.getBrands(), "");
        float p = switch (rule.getPolarity().name().toLowerCase(Locale.ROOT)) {
            case "negative" -> scores.getNegative();
            case "positive" -> scores.getPositive();
            default -> scores.getNeutral();
        };
        return PolicyEvaluator.reputationMatches(rule, brands, p);
    }

    /**
     * Forward rate against each intent's threshold, the other thresholds as proposed: the curves ops tune against.
     *
     * @param decisions recent decisions
     * @param policy the base policy
     * @param intents intents to draw
     * @return per intent, the forward rate at thresholds 0, 0.05, ..., 1
     */
    public static Map<String, double[]> curves(List<FilterDecision> decisions, FilterPolicy policy,
            List<String> intents) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String intent : intents) {
            double[] rates = new double[21];
            for (int step = 0; step <= 20; step++) {
                Map<String, Float> thresholds = new LinkedHashMap<>(policy.getIntentThresholds());
                thresholds.put(intent, step / 20f);
                List<String> never = new ArrayList<>(policy.getNeverForward());
                never.remove(intent);
                List<String> always = new ArrayList<>(policy.getAlwaysForward());
                always.remove(intent);
                FilterPolicy variant = FilterPolicy.newBuilder(policy).setIntentThresholds(thresholds)
                        .setNeverForward(never).setAlwaysForward(always).setForwardBudget(null).build();
                rates[step] = evaluate(decisions, variant, Map.of()).forwardRate();
            }
            out.put(intent, rates);
        }
        return out;
    }
}
