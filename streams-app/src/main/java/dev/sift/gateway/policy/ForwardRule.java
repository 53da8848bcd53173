package dev.sift.gateway.policy;

import dev.sift.schema.FilterPolicy;
import dev.sift.schema.ReputationRule;
import java.util.ArrayList;
import java.util.List;

/**
 * When a snippet is forwarded under a policy, written once for the live evaluator ({@link PolicyEvaluator}), the
 * what-if replay of recorded decisions and the threshold search: when any intent reaches its threshold (an intent in
 * {@code alwaysForward} at {@value #ALWAYS_FORWARD_THRESHOLD} at most, one in {@code neverForward} never), or when
 * the snippet mentions a watched brand with the watched polarity at the rule's threshold. The forward budget comes on
 * top ({@link ForwardBudget}).
 */
public final class ForwardRule {

    /** Score at which an always-forwarded intent counts as present, whatever its own threshold. */
    public static final float ALWAYS_FORWARD_THRESHOLD = 0.5f;

    private ForwardRule() {
    }

    /**
     * The threshold an intent is compared with under a policy.
     *
     * @param policy the policy
     * @param intent the intent
     * @return its threshold, or null when the intent never forwards
     */
    public static Float thresholdOf(FilterPolicy policy, String intent) {
        if (policy.getNeverForward().contains(intent)) {
            return null;
        }
        float threshold = policy.getIntentThresholds().getOrDefault(intent, policy.getDefaultThreshold());
        return policy.getAlwaysForward().contains(intent) ? Math.min(threshold, ALWAYS_FORWARD_THRESHOLD) : threshold;
    }

    /**
     * @param threshold an intent's threshold, or null when it never forwards
     * @param score its score
     * @return whether the intent forwards the snippet
     */
    public static boolean reaches(Float threshold, float score) {
        return threshold != null && score >= threshold;
    }

    /**
     * The intents that forward a snippet. An intent the scores do not name scored below the recording floor: it
     * reaches only a threshold of 0 or less.
     *
     * @param policy the policy
     * @param scores the scores
     * @return the matched intents: those named in the scores' order, then unnamed ones with a threshold of 0
     */
    public static List<String> matchedIntents(FilterPolicy policy, ForwardScores scores) {
        List<String> matched = new ArrayList<>();
        scores.intents().forEach((intent, score) -> {
            if (reaches(thresholdOf(policy, intent), score)) {
                matched.add(intent);
            }
        });
        for (String intent : policy.getIntentThresholds().keySet()) {
            if (!scores.intents().containsKey(intent) && reaches(thresholdOf(policy, intent), 0f)) {
                matched.add(intent);
            }
        }
        return matched;
    }

    /**
     * The reputation rule's test.
     *
     * @param rule the rule, or null
     * @param brands watched brands the snippet mentions
     * @param probability the probability of the rule's polarity
     * @return whether the rule forwards the snippet
     */
    public static boolean reputationForwards(ReputationRule rule, List<String> brands, float probability) {
        return rule != null && !brands.isEmpty() && probability >= rule.getThreshold();
    }

    /**
     * @param policy the policy
     * @param scores the scores
     * @return whether the reputation rule forwards the snippet
     */
    public static boolean reputationForwards(FilterPolicy policy, ForwardScores scores) {
        ReputationRule rule = policy.getReputationRule();
        return rule != null && reputationForwards(rule, BrandMatcher.mentioned(rule.getWatchedBrands(),
                scores.brands(), ""), scores.polarity(rule.getPolarity()));
    }

    /**
     * @param policy the policy
     * @param scores the scores
     * @return whether the snippet is forwarded, before the forward budget
     */
    public static boolean forwards(FilterPolicy policy, ForwardScores scores) {
        return !matchedIntents(policy, scores).isEmpty() || reputationForwards(policy, scores);
    }
}
