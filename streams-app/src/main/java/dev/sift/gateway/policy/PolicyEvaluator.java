package dev.sift.gateway.policy;

import dev.sift.classifier.Classification;
import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.ForwardReason;
import dev.sift.schema.IntentScore;
import dev.sift.schema.Polarity;
import dev.sift.schema.ReasonKind;
import dev.sift.schema.ReputationRule;
import dev.sift.schema.ReputationScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies a filter policy to a classified snippet, by {@link ForwardRule}, and explains the verdict: the scores with
 * their thresholds and the reasons it was or was not forwarded. Pure: same inputs, same verdict.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    /**
     * Evaluates a policy, keeping every intent's score in the verdict.
     *
     * @param policy the policy that applies
     * @param policyId its id
     * @param snippet the snippet
     * @param scores its classification
     * @return the verdict
     */
    public static Verdict evaluate(FilterPolicy policy, String policyId, ConversationSnippet snippet,
            Classification scores) {
        return evaluate(policy, policyId, snippet, scores, 0f);
    }

    /**
     * Evaluates a policy, keeping in the verdict only the intents that matter: those scoring at least
     * {@code minIntentScore} and those that matched. The decision is the same whatever the floor.
     *
     * @param policy the policy that applies
     * @param policyId its id
     * @param snippet the snippet
     * @param scores its classification
     * @param minIntentScore intents below it that did not match are left out of {@link Verdict#intents()}
     * @return the verdict
     */
    public static Verdict evaluate(FilterPolicy policy, String policyId, ConversationSnippet snippet,
            Classification scores, float minIntentScore) {
        List<IntentScore> intents = new ArrayList<>();
        List<ForwardReason> reasons = new ArrayList<>();
        // The intent closest to its threshold explains a snippet that was not forwarded, left out or not.
        int closest = -1;
        float closestMargin = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.intents().size(); i++) {
            String intent = scores.intents().get(i);
            float score = scores.intentScores()[i];
            Float threshold = ForwardRule.thresholdOf(policy, intent);
            boolean matched = ForwardRule.reaches(threshold, score);
            if (threshold != null && score - threshold > closestMargin) {
                closest = i;
                closestMargin = score - threshold;
            }
            if (matched || score >= minIntentScore) {
                intents.add(IntentScore.newBuilder().setIntent(intent).setScore(score).setThreshold(threshold)
                        .setMatched(matched).build());
            }
            if (matched) {
                boolean always = policy.getAlwaysForward().contains(intent);
                reasons.add(reason(always ? ReasonKind.ALWAYS_FORWARD : ReasonKind.INTENT_ABOVE_THRESHOLD, intent,
                        score, threshold, String.format(Locale.ROOT, "%s %.2f >= %.2f%s", intent, score, threshold,
                                always ? " (always forwarded)" : "")));
            }
        }
        ReputationScores reputation = null;
        ReputationRule rule = policy.getReputationRule();
        if (!scores.reputationClasses().isEmpty()) {
            List<String> brands = rule == null ? snippet.getBrandHints()
                    : BrandMatcher.mentioned(rule.getWatchedBrands(), snippet.getBrandHints(), snippet.getText());
            reputation = reputationOf(scores, brands);
            if (rule != null && !brands.isEmpty()) {
                float p = scores.reputation(label(rule.getPolarity()));
                if (ForwardRule.reputationForwards(rule, brands, p)) {
                    reasons.add(reason(ReasonKind.REPUTATION_RULE, brands.get(0), p, rule.getThreshold(),
                            String.format(Locale.ROOT, "%s about %s %.2f >= %.2f",
                                    rule.getPolarity().name().toLowerCase(Locale.ROOT), String.join(", ", brands), p,
                                    rule.getThreshold())));
                }
            }
        }
        boolean forwarded = !reasons.isEmpty();
        if (!forwarded) {
            reasons.add(notForwarded(policy, scores, closest));
        }
        AppliedPolicy applied = AppliedPolicy.newBuilder().setPolicyId(policyId).setRevision(policy.getRevision())
                .setReputationThreshold(rule == null ? null : rule.getThreshold()).setAuditRate(policy.getAuditRate())
                .build();
        return new Verdict(forwarded, intents, reputation, reasons, applied);
    }

    /**
     * @param polarity a polarity
     * @return the reputation head's label for it
     */
    static String label(Polarity polarity) {
        return polarity.name().toLowerCase(Locale.ROOT);
    }

    private static ReputationScores reputationOf(Classification scores, List<String> brands) {
        float negative = scores.reputation(label(Polarity.NEGATIVE));
        float neutral = scores.reputation(label(Polarity.NEUTRAL));
        float positive = scores.reputation(label(Polarity.POSITIVE));
        Polarity polarity = negative >= neutral && negative >= positive ? Polarity.NEGATIVE
                : positive >= neutral ? Polarity.POSITIVE : Polarity.NEUTRAL;
        return ReputationScores.newBuilder().setPolarity(polarity).setNegative(negative).setNeutral(neutral)
                .setPositive(positive).setBrands(List.copyOf(brands)).build();
    }

    private static ForwardReason notForwarded(FilterPolicy policy, Classification scores, int closest) {
        if (closest < 0) {
            return reason(ReasonKind.NO_INTENT_ABOVE_THRESHOLD, null, null, null, "no forwardable intent");
        }
        String intent = scores.intents().get(closest);
        float score = scores.intentScores()[closest];
        Float threshold = ForwardRule.thresholdOf(policy, intent);
        return reason(ReasonKind.NO_INTENT_ABOVE_THRESHOLD, intent, score, threshold,
                String.format(Locale.ROOT, "closest: %s %.2f < %.2f", intent, score, threshold));
    }

    private static ForwardReason reason(ReasonKind kind, String label, Float score, Float threshold, String detail) {
        return ForwardReason.newBuilder().setKind(kind).setLabel(label).setScore(score).setThreshold(threshold)
                .setDetail(detail).build();
    }
}
