package dev.sift.gateway.topology;

import dev.sift.classifier.Classification;
import dev.sift.gateway.policy.ForwardBudget;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.gateway.policy.Verdict;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import java.time.Clock;
import java.util.function.Function;

/**
 * Turns a scored snippet into its decision: finds the tenant's policy (policies table, else the configured default),
 * applies it and the tenant's forward budget, and builds the {@link FilterDecision}. One per stream task, because
 * the forward budget keeps a running share per task.
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
     * @param scores its classification
     * @param modelVersion the model that scored it
     * @param latencyMicros time from the gateway taking the snippet to now
     * @param storedPolicies the policies table, by policy id
     * @return the snippet with its decision
     */
    public DecidedSnippet decide(ConversationSnippet snippet, Classification scores, String modelVersion,
            long latencyMicros, Function<String, FilterPolicy> storedPolicies) {
        FilterPolicy policy = policies.resolve(snippet.getTenant(), snippet.getChannel(), storedPolicies);
        String policyId = PolicyBook.idOf(policy.getTenant(), policy.getChannel());
        Verdict verdict = budget.apply(policyId, policy.getForwardBudget(),
                PolicyEvaluator.evaluate(policy, policyId, snippet, scores, detail.minIntentScore()));
        FilterDecision decision = FilterDecision.newBuilder()
                .setSnippetId(snippet.getSnippetId())
                .setConversationId(snippet.getConversationId())
                .setTenant(snippet.getTenant())
                .setChannel(snippet.getChannel())
                .setIntents(verdict.intents())
                .setReputation(verdict.reputation())
                .setPolicy(verdict.policy())
                .setForwarded(verdict.forwarded())
                .setReasons(verdict.reasons())
                .setModelVersion(modelVersion)
                .setTokenCount(scores.tokenCount())
                .setTruncated(scores.truncated())
                .setProcessingLatencyMicros(latencyMicros)
                .setEventTime(snippet.getEventTime())
                .setDecidedAt(clock.instant())
                .setGateway(gateway)
                .build();
        return new DecidedSnippet(snippet, decision, verdict, policy);
    }
}
