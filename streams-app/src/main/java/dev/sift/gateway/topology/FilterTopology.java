package dev.sift.gateway.topology;

import dev.sift.gateway.audit.StoredAuditBudget;
import dev.sift.gateway.context.ConversationContexts;
import dev.sift.gateway.policy.PolicyTable;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The gateway's topology: snippets in; every decision out to the decisions topic; relevant snippets out to the LLM
 * topic. Both outputs are keyed by conversation id, so one conversation keeps its order end to end.
 *
 * <pre>
 *   snippets --(micro-batch, score, policy, audit)--> decided --+--> decisions      (every snippet)
 *                  ^              |                               +--> llm-requests   (forwarded only)
 *   policies (global table)       |                               +--> audit-requests (the audit sample of the
 *                                 |                                                    dropped, for the teacher)
 *                                 +--> dead-letters (snippets the model failed on, outputs too large)
 * </pre>
 *
 * Snippet records beyond the input limits ({@link InputLimits}), that cannot be read (not Avro, another schema) or
 * used (no key, no text) are sent to the dead-letter topic by the processing exception handler (configured in
 * {@code application.yml}), records of the policies table that cannot be read by the deserialization exception
 * handler. Snippets whose outputs would exceed the output topics' limit ({@link OutputLimits}) are dead-lettered
 * like those the model fails on.
 */
public final class FilterTopology {

    private FilterTopology() {
    }

    /**
     * Adds the filter to a builder.
     *
     * @param builder the streams builder
     * @param parts the topics, model, policies and settings it is made of
     * @return the stream of decided snippets
     */
    public static KStream<String, DecisionOutputs> build(StreamsBuilder builder, FilterParts parts) {
        Topics topics = parts.topics();
        PolicyTable.register(builder, topics.policies());
        builder.addStateStore(StoredAuditBudget.storeBuilder());
        // Registered whatever the model: a release that reads context may be swapped in while the stream runs.
        ConversationContexts.storeBuilders().forEach(builder::addStateStore);
        List<String> stores = new ArrayList<>(List.of(StoredAuditBudget.STORE, ConversationContexts.STORE,
                ConversationContexts.EXPIRY_STORE));
        if (parts.batching().batched()) {
            builder.addStateStore(PendingBuffer.storeBuilder());
            stores.add(PendingBuffer.STORE);
        }
        Topic<String, ConversationSnippet> snippets = topics.snippets();
        InputLimits input = parts.limits().input();
        Deserializer<ConversationSnippet> decoder = parts.formats().snippetReader(input.decoding());
        Map<String, KStream<String, ScoringOutcome>> outcomes = builder
                .stream(snippets.name(), Consumed.with(snippets.keySerde(), Serdes.ByteArray())
                        .withName("read-snippets"))
                .process(() -> new ScoreSnippets(decoder, parts.model(),
                        new SnippetDecider(parts.policies(), parts.clock(), parts.gateway(), parts.detail()),
                        parts.observer(), parts.batching(), parts.context(), input,
                        new OutputGuard(topics, parts.limits().output(), parts.formats()), parts.clock(),
                        parts.snippetPartitions()),
                        Named.as("score-and-decide"), stores.toArray(String[]::new))
                .split(Named.as("outcome-"))
                .branch((key, value) -> value instanceof FailedSnippet, Branched.as("failed"))
                .defaultBranch(Branched.as("decided"));

        Serializer<ConversationSnippet> snippetBytes = snippets.valueSerde().serializer();
        Serializer<String> keyBytes = snippets.keySerde().serializer();
        outcomes.get("outcome-failed")
                .map((key, value) -> KeyValue.pair(keyBytes.serialize(snippets.name(), key),
                        snippetBytes.serialize(snippets.name(), ((FailedSnippet) value).snippet())),
                        Named.as("failed-as-read"))
                .to(topics.deadLetters().name(), Produced.with(topics.deadLetters().keySerde(),
                        topics.deadLetters().valueSerde()).withName("write-failed"));

        // The outputs arrive encoded and checked against the output topics' limit (OutputGuard): written as bytes.
        KStream<String, DecisionOutputs> decided = outcomes.get("outcome-decided")
                .mapValues(value -> (DecisionOutputs) value, Named.as("decided"))
                .selectKey((key, value) -> value.conversationId(), Named.as("key-by-conversation"));
        decided.mapValues(DecisionOutputs::decision, Named.as("decision"))
                .to(topics.decisions().name(), Produced.with(topics.decisions().keySerde(), Serdes.ByteArray())
                        .withName("write-decisions"));
        decided.filter((key, value) -> value.forwarded(), Named.as("relevant-only"))
                .mapValues(DecisionOutputs::llmRequest, Named.as("llm-request"))
                .to(topics.llmRequests().name(), Produced.with(topics.llmRequests().keySerde(), Serdes.ByteArray())
                        .withName("write-llm-requests"));
        decided.filter((key, value) -> value.audited(), Named.as("audit-sample-only"))
                .mapValues(DecisionOutputs::auditRequest, Named.as("audit-request"))
                .to(topics.auditRequests().name(), Produced.with(topics.auditRequests().keySerde(),
                        Serdes.ByteArray()).withName("write-audit-requests"));
        return decided;
    }
}
