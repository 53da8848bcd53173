package dev.sift.gateway.topology;

import dev.sift.gateway.format.GatewayFormats;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The last guard before the output topics: encodes a decided snippet's decision and its LLM or audit request and
 * checks that each record, with its key and the headers it copies from the input, fits
 * {@code sift.output.max-record-bytes}. The encoded bytes are what the topology writes, so each output is encoded
 * once.
 */
final class OutputGuard {

    private final Topic<String, FilterDecision> decisions;
    private final Topic<String, LlmRequest> llmRequests;
    private final Topic<String, LlmRequest> auditRequests;
    private final Serializer<FilterDecision> decisionBytes;
    private final Serializer<LlmRequest> llmRequestBytes;
    private final Serializer<LlmRequest> auditRequestBytes;
    private final OutputLimits limits;

    /**
     * @param topics the topic registry (the outputs' names and serdes)
     * @param limits the output limit
     * @param formats the formats the outputs are written in
     */
    OutputGuard(Topics topics, OutputLimits limits, GatewayFormats formats) {
        this.decisions = topics.decisions();
        this.llmRequests = topics.llmRequests();
        this.auditRequests = topics.auditRequests();
        this.decisionBytes = formats.decisionWriter();
        this.llmRequestBytes = formats.llmRequestWriter();
        // Audit requests are read by model-ops' labeler only: always Avro single-object.
        this.auditRequestBytes = auditRequests.valueSerde().serializer();
        this.limits = limits;
    }

    /**
     * @param decided a decided snippet
     * @param headers the headers its outputs carry
     * @return its encoded outputs
     * @throws OversizedOutputException when an output would be larger than its topic accepts
     */
    DecisionOutputs encode(DecidedSnippet decided, Headers headers) throws OversizedOutputException {
        String key = decided.snippet().getConversationId();
        long keyBytes = key.getBytes(StandardCharsets.UTF_8).length;
        HeaderSize headerSize = HeaderSize.of(headers);
        byte[] decision = decisionBytes.serialize(decisions.name(), decided.decision());
        check(decided, "decision", decisions.name(), RecordSize.upperBound(keyBytes, decision.length, headerSize));
        byte[] llmRequest = null;
        byte[] auditRequest = null;
        if (decided.forwarded()) {
            llmRequest = llmRequestBytes.serialize(llmRequests.name(), decided.toLlmRequest());
            check(decided, "LLM request", llmRequests.name(),
                    RecordSize.upperBound(keyBytes, llmRequest.length, headerSize));
        } else if (decided.audited()) {
            auditRequest = auditRequestBytes.serialize(auditRequests.name(), decided.toLlmRequest());
            check(decided, "audit request", auditRequests.name(),
                    RecordSize.upperBound(keyBytes, auditRequest.length, headerSize));
        }
        return new DecisionOutputs(key, decision, llmRequest, auditRequest);
    }

    private void check(DecidedSnippet decided, String what, String topic, long size) throws OversizedOutputException {
        if (size > limits.maxRecordBytes()) {
            throw new OversizedOutputException("the " + what + " of snippet "
                    + Utf8.quoted(decided.snippet().getSnippetId()) + " would be " + size + " bytes with its key and"
                    + " headers, more than sift.output.max-record-bytes (" + limits.maxRecordBytes() + ") of "
                    + topic);
        }
    }
}
