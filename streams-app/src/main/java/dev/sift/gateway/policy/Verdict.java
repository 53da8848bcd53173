package dev.sift.gateway.policy;

import dev.sift.schema.AppliedPolicy;
import dev.sift.schema.ForwardReason;
import dev.sift.schema.IntentScore;
import dev.sift.schema.ReputationScores;
import java.util.List;

/**
 * What a policy decided about one classified snippet.
 *
 * @param forwarded whether the snippet goes to the LLM
 * @param intents the intents' scores with the threshold applied: every intent, or those above a floor and those
 *     that matched (see {@link PolicyEvaluator})
 * @param reputation polarity scores with the watched brands mentioned, or null
 * @param reasons why it was or was not forwarded
 * @param policy which policy decided
 */
public record Verdict(boolean forwarded, List<IntentScore> intents, ReputationScores reputation,
        List<ForwardReason> reasons, AppliedPolicy policy) {

    /** @return the intents at or above their threshold */
    public List<IntentScore> matchedIntents() {
        return intents.stream().filter(IntentScore::getMatched).toList();
    }
}
