package dev.sift.gateway.topology;

import dev.sift.gateway.policy.Verdict;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.LlmRequest;

/**
 * A snippet with its decision, between the scoring step and the two output topics.
 *
 * @param snippet the snippet
 * @param decision the decision record
 * @param verdict the policy's verdict
 */
public record DecidedSnippet(ConversationSnippet snippet, FilterDecision decision, Verdict verdict)
        implements ScoringOutcome {

    /** @return whether the snippet goes to the LLM */
    public boolean forwarded() {
        return decision.getForwarded();
    }

    /** @return the record the LLM consumer receives */
    public LlmRequest toLlmRequest() {
        return LlmRequest.newBuilder()
                .setSnippet(snippet)
                .setMatchedIntents(verdict.matchedIntents())
                .setReputation(verdict.reputation())
                .setReasons(verdict.reasons())
                .setPolicy(verdict.policy())
                .setModelVersion(decision.getModelVersion())
                .setDecidedAt(decision.getDecidedAt())
                .build();
    }
}
