package dev.sift.gateway.topology;

import dev.sift.gateway.policy.Verdict;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.RequestKind;
import java.util.List;

/**
 * A snippet with its decision, as the scoring step made it and the observers (metrics, dashboard, shadow model) see
 * it.
 *
 * @param snippet the snippet
 * @param context the earlier turns of its thread a context-aware model judged it with, as text, oldest first
 * @param decision the decision record
 * @param verdict the policy's verdict
 * @param policy the policy that decided
 */
public record DecidedSnippet(ConversationSnippet snippet, List<ContextTurn> context, FilterDecision decision,
        Verdict verdict, FilterPolicy policy) {

    /** Copies the context. */
    public DecidedSnippet {
        context = List.copyOf(context);
    }

    /** @return whether the snippet goes to the LLM */
    public boolean forwarded() {
        return decision.getForwarded();
    }

    /** @return whether the snippet was dropped and goes to the teacher as part of the audit sample */
    public boolean audited() {
        return decision.getAudited();
    }

    /** @return the record the LLM consumer receives: to act on when forwarded, only to label when audited */
    public LlmRequest toLlmRequest() {
        return LlmRequest.newBuilder()
                .setKind(audited() ? RequestKind.AUDIT : RequestKind.FORWARD)
                .setSnippet(snippet)
                .setMatchedIntents(verdict.matchedIntents())
                .setReputation(verdict.reputation())
                .setReasons(verdict.reasons())
                .setPolicy(verdict.policy())
                .setModelVersion(decision.getModelVersion())
                .setDecidedAt(decision.getDecidedAt())
                .setContext(context)
                .build();
    }
}
