package dev.sift.gateway.topology;

import dev.sift.classifier.Classification;
import dev.sift.gateway.classify.LiveModel;
import dev.sift.gateway.policy.ForwardBudget;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.policy.PolicyEvaluator;
import dev.sift.gateway.policy.Verdict;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import java.time.Clock;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Scores each snippet with the live model and applies its tenant's policy (from the policies global table, else the
 * configured default) and forward budget, emitting the snippet with its decision.
 * A record that is not a usable snippet throws {@link InvalidSnippetException}: the processing exception handler
 * sends it to the dead-letter topic and the stream goes on.
 */
public final class ScoreAndDecide implements FixedKeyProcessor<String, ConversationSnippet, DecidedSnippet> {

    private final LiveModel model;
    private final PolicyBook policies;
    private final ForwardBudget budget = new ForwardBudget();
    private ReadOnlyKeyValueStore<String, ValueAndTimestamp<FilterPolicy>> stored;
    private final Clock clock;
    private final String gateway;
    private final DecisionObserver observer;
    private FixedKeyProcessorContext<String, DecidedSnippet> context;

    /**
     * @param model the live model
     * @param policies how the policy of a snippet is found
     * @param clock wall clock for decision times
     * @param gateway this instance's id
     * @param observer sees each decision after it is made (e.g. a shadow model)
     */
    public ScoreAndDecide(LiveModel model, PolicyBook policies, Clock clock, String gateway,
            DecisionObserver observer) {
        this.model = model;
        this.policies = policies;
        this.clock = clock;
        this.gateway = gateway;
        this.observer = observer;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, DecidedSnippet> context) {
        this.context = context;
        this.stored = context.getStateStore(PolicyTable.STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ConversationSnippet> record) {
        long start = System.nanoTime();
        ConversationSnippet snippet = validate(record.value());
        Classification scores;
        String modelVersion;
        try (LiveModel.Lease lease = model.acquire()) {
            scores = lease.classifier().classify(snippet.getText());
            modelVersion = lease.classifier().info().version();
        }
        context.forward(record.withValue(decide(snippet, scores, modelVersion, start)));
    }

    /**
     * Applies the policy to a scored snippet.
     *
     * @param snippet the snippet
     * @param scores its classification
     * @param modelVersion the model that scored it
     * @param startNanos when the gateway took it ({@link System#nanoTime()})
     * @return the snippet with its decision
     */
    DecidedSnippet decide(ConversationSnippet snippet, Classification scores, String modelVersion, long startNanos) {
        FilterPolicy policy = policies.resolve(snippet.getTenant(), snippet.getChannel(), this::storedPolicy);
        String policyId = PolicyBook.idOf(policy.getTenant(), policy.getChannel());
        Verdict verdict = budget.apply(policyId, policy.getForwardBudget(),
                PolicyEvaluator.evaluate(policy, policyId, snippet, scores));
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
                .setProcessingLatencyMicros((System.nanoTime() - startNanos) / 1_000)
                .setEventTime(snippet.getEventTime())
                .setDecidedAt(clock.instant())
                .setGateway(gateway)
                .build();
        DecidedSnippet decided = new DecidedSnippet(snippet, decision, verdict);
        observer.observe(decided, policy);
        return decided;
    }

    private FilterPolicy storedPolicy(String id) {
        ValueAndTimestamp<FilterPolicy> value = stored == null ? null : stored.get(id);
        return value == null ? null : value.value();
    }

    /**
     * @param snippet a decoded record value
     * @return it, when usable
     * @throws InvalidSnippetException naming what is missing
     */
    static ConversationSnippet validate(ConversationSnippet snippet) {
        if (snippet == null) {
            throw new InvalidSnippetException("empty record: a snippet record needs a value");
        }
        if (snippet.getSnippetId().isBlank()) {
            throw new InvalidSnippetException("snippet has no snippetId");
        }
        if (snippet.getConversationId().isBlank()) {
            throw new InvalidSnippetException("snippet " + snippet.getSnippetId() + " has no conversationId");
        }
        return snippet;
    }
}
