package dev.sift.schema.topic;

import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.PolicyChange;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.serde.AvroSerde;
import dev.sift.schema.topic.Topic.Retention;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The typed registry of Sift's topics. Every producer, consumer and topology takes its topics from here, so a
 * topic's name, key type and value type are declared once.
 *
 * <p>Keys: conversation id for snippets, decisions, LLM and audit requests (a conversation keeps its order); release
 * version for releases; policy id for policies and their audit; snippet id for feedback.
 *
 * <p>Every value serde reads within {@link dev.sift.schema.serde.DecodingLimits#DEFAULTS}: a record another producer
 * wrote (snippets, feedback, policies) is bounded before it is decoded, whoever reads it. The gateway reads snippets
 * with its own, tighter limits ({@code sift.input.*}).
 *
 * <p>Decisions, LLM requests and feedback are read as Avro single-object encoding or JSON (the gateway may be
 * configured to write its outputs as JSON; platforms and LLM consumers may write feedback as JSON); every topic is
 * written as Avro single-object encoding unless a gateway's {@code sift.formats.*} says otherwise.
 */
public final class Topics {

    static {
        dev.sift.schema.AvroTrust.ensure();
    }

    private final TopicNames names;
    private final Topic<String, ConversationSnippet> snippets;
    private final Topic<String, FilterDecision> decisions;
    private final Topic<String, LlmRequest> llmRequests;
    private final Topic<String, LlmRequest> auditRequests;
    private final Topic<byte[], byte[]> deadLetters;
    private final Topic<String, ModelRelease> releases;
    private final Topic<String, FilterPolicy> policies;
    private final Topic<String, PolicyChange> policyAudit;
    private final Topic<String, SnippetFeedback> feedback;
    private final Topic<byte[], byte[]> labelDeadLetters;

    /**
     * Declares the topics under the given names.
     *
     * @param names topic names from configuration
     */
    public Topics(TopicNames names) {
        this.names = names;
        Serde<String> text = Serdes.String();
        this.snippets = new Topic<>(names.snippets(), text, AvroSerde.of(ConversationSnippet.class),
                Retention.UNTRUSTED_EVENTS);
        this.decisions = new Topic<>(names.decisions(), text, AvroSerde.readingJsonToo(FilterDecision.class),
                Retention.EVENTS);
        this.llmRequests = new Topic<>(names.llmRequests(), text, AvroSerde.readingJsonToo(LlmRequest.class),
                Retention.EVENTS);
        this.auditRequests = new Topic<>(names.auditRequests(), text, AvroSerde.of(LlmRequest.class),
                Retention.EVENTS);
        this.deadLetters = new Topic<>(names.deadLetters(), Serdes.ByteArray(), Serdes.ByteArray(),
                Retention.DEAD_LETTERS);
        this.releases = new Topic<>(names.releases(), text, AvroSerde.of(ModelRelease.class), Retention.COMPACTED);
        this.policies = new Topic<>(names.policies(), text, AvroSerde.of(FilterPolicy.class), Retention.COMPACTED);
        this.policyAudit = new Topic<>(names.policyAudit(), text, AvroSerde.of(PolicyChange.class), Retention.EVENTS);
        this.feedback = new Topic<>(names.feedback(), text, AvroSerde.readingJsonToo(SnippetFeedback.class),
                Retention.EVENTS);
        this.labelDeadLetters = new Topic<>(names.labelDeadLetters(), Serdes.ByteArray(), Serdes.ByteArray(),
                Retention.EVENTS);
    }

    /**
     * The topics under their default names.
     *
     * @return the registry
     */
    public static Topics withDefaultNames() {
        return new Topics(TopicNames.defaults());
    }

    /** @return the names these topics were declared with */
    public TopicNames names() {
        return names;
    }

    /** @return conversation snippets from the platforms, keyed by conversation id */
    public Topic<String, ConversationSnippet> snippets() {
        return snippets;
    }

    /** @return every filter decision, keyed by conversation id */
    public Topic<String, FilterDecision> decisions() {
        return decisions;
    }

    /** @return snippets forwarded to the LLM, keyed by conversation id */
    public Topic<String, LlmRequest> llmRequests() {
        return llmRequests;
    }

    /**
     * @return dropped snippets sampled for the teacher to label ({@code LlmRequest} of kind {@code AUDIT}), keyed by
     *     conversation id
     */
    public Topic<String, LlmRequest> auditRequests() {
        return auditRequests;
    }

    /** @return unreadable or unprocessable records, raw, with the reason in {@code __streams.errors.*} headers */
    public Topic<byte[], byte[]> deadLetters() {
        return deadLetters;
    }

    /** @return model releases, keyed by version (compacted) */
    public Topic<String, ModelRelease> releases() {
        return releases;
    }

    /** @return filter policies, keyed by policy id (compacted) */
    public Topic<String, FilterPolicy> policies() {
        return policies;
    }

    /** @return policy changes, keyed by policy id */
    public Topic<String, PolicyChange> policyAudit() {
        return policyAudit;
    }

    /** @return labels of snippets (human, LLM teacher, rule), keyed by snippet id */
    public Topic<String, SnippetFeedback> feedback() {
        return feedback;
    }

    /** @return label requests the teacher could not answer, raw, with the reason in headers */
    public Topic<byte[], byte[]> labelDeadLetters() {
        return labelDeadLetters;
    }

    /** @return every topic */
    public List<Topic<?, ?>> all() {
        return List.of(snippets, decisions, llmRequests, auditRequests, deadLetters, releases, policies, policyAudit,
                feedback, labelDeadLetters);
    }
}
