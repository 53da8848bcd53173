package dev.sift.demo;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.gateway.release.LiveModel;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterPolicy;
import java.util.List;
import java.util.OptionalInt;

/**
 * What conversation context earned in a wave: of the relevant turns the gateway forwarded, those the same model and
 * policy drop when each is judged alone. The live model scores them again without their threads' earlier turns, and
 * the policy decides with the same rule as the gateway ({@link PolicyEvaluator}), so the count is the turns only
 * context caught.
 */
final class ContextCredit {

    private ContextCredit() {
    }

    /**
     * @param model the gateway's live model
     * @param policies the gateway's policy book
     * @param forwardedRelevant relevant turns the gateway forwarded
     * @return how many of them the model, judging each alone, would have dropped; empty for a model that reads no
     *     context
     */
    static OptionalInt caughtOnlyWithContext(LiveModel model, PolicyBook policies,
            List<GeneratedSnippet> forwardedRelevant) {
        try (LiveModel.Lease lease = model.acquire()) {
            SnippetClassifier classifier = lease.classifier();
            if (classifier.info().context().isEmpty()) {
                return OptionalInt.empty();
            }
            if (forwardedRelevant.isEmpty()) {
                return OptionalInt.of(0);
            }
            List<Classification> alone = classifier.classify(forwardedRelevant.stream()
                    .map(g -> g.snippet().getText()).toList());
            int caught = 0;
            for (int i = 0; i < alone.size(); i++) {
                ConversationSnippet snippet = forwardedRelevant.get(i).snippet();
                FilterPolicy policy = policies.resolve(snippet.getTenant(), snippet.getChannel(), id -> null);
                String policyId = PolicyBook.idOf(policy.getTenant(), policy.getChannel());
                caught += PolicyEvaluator.evaluate(policy, policyId, snippet, alone.get(i)).forwarded() ? 0 : 1;
            }
            return OptionalInt.of(caught);
        }
    }
}
