package dev.sift.gateway.topology;

import dev.sift.gateway.policy.Verdict;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;

/** Sees every decision after it is made, without changing it (shadow models, statistics). */
public interface DecisionObserver {

    /** Observes nothing. */
    DecisionObserver NONE = (snippet, policy, policyId, verdict) -> { };

    /**
     * @param snippet the snippet
     * @param policy the policy that decided it
     * @param policyId the policy's id
     * @param verdict the decision
     */
    void observe(ConversationSnippet snippet, FilterPolicy policy, String policyId, Verdict verdict);
}
