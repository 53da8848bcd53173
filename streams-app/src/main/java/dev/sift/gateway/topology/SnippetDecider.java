package dev.sift.gateway.topology;

import dev.sift.classifier.Classification;
import dev.sift.gateway.policy.ForwardBudget;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.gateway.policy.Verdict;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.audit.AuditSampler;
import java.time.Clock;
import java.util.List;

/**
 * Turns a scored snippet into its decision: finds the tenant's policy (policies table, else the configured default),
 * applies it and the tenant's forward budget, puts a dropped snippet in the audit sample when its id hashes below
 * the policy's audit rate and the policy's audit budget allows ({@link AuditSampler}), and builds the
 * {@link FilterDecision}. One per stream task, because the forward budget keeps a running share per task.
 */
public final class SnippetDecider {

    private final PolicyBook policies;
    private final ForwardBudget budget = new ForwardBudget();
    private final Clock clock;
    private final String gateway;
    private final DecisionDetail detail;

    /**
     * @param policies how the policy of a snippet is found
     * @param clock wall clock for decision times
     * @param gateway this instance's id
     * @param detail which intents a decision record carries
     */
    public SnippetDecider(PolicyBook policies, Clock clock, String gateway, DecisionDetail detail) {
        this.policies = policies;
        this.clock = clock;
        this.gateway = gateway;
        this.detail = detail;
    }

    /**
     * @param snippet the snippet
     * @param judgedWith the earlier turns of its thread a context-aware model judged it with (as text, the latest
     *     few), carried to its request; empty when none
     * @param scores its classification
     * @param modelVersion the model that scored it
     * @param latencyMicros time from the gateway taking the snippet to now
     * @param stores the task's stored policies and audit budget
     * @return the snippet with its decision
     */
    public DecidedSnippet decide(ConversationSnippet snippet, List<ContextTurn> judgedWith, Classification scores,
            String modelVersion, long latencyMicros, TaskStores stores) {
        FilterPolicy policy = policies.resolve(snippet.getTenant(), snippet.getChannel(), stores.storedPolicies());
        String policyId = PolicyBook.idOf(policy.getTenant(), policy.getChannel());
        Verdict verdict = budget.apply(policyId, policy.getForwardBudget(),
                PolicyEvaluator.evaluate(policy, policyId, snippet, scores, detail.minIntentScore()));
        boolean audited = !verdict.forwarded() && AuditSampler.sampled(snippet.getSnippetId(), policy.getAuditRate())
                && stores.audits().take(policyId, clock.instant(), policy.getMaxAuditsPerHour());
        FilterDecision decision = FilterDecision.newBuilder()
                .setSnippetId(snippet.getSnippetId())
                .setConversationId(snippet.getConversationId())
                .setTenant(snippet.getTenant())
                .setChannel(snippet.getChannel())
                .setIntents(verdict.intents())
                .setReputation(verdict.reputation())
                .setPolicy(verdict.policy())
                .setForwarded(verdict.forwarded())
                .setAudited(audited)
                .setReasons(verdict.reasons())
                .setModelVersion(modelVersion)
                .setTokenCount(scores.tokenCount())
                .setTruncated(scores.truncated())
                .setProcessingLatencyMicros(latencyMicros)
                .setEventTime(snippet.getEventTime())
                .setDecidedAt(clock.instant())
                .setGateway(gateway)
                .build();
        return new DecidedSnippet(snippet, judgedWith, decision, verdict, policy);
    }
}
