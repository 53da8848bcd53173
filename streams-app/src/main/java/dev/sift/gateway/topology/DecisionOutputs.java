package dev.sift.gateway.topology;

/**
 * A decided snippet's output records, encoded and checked against the output topics' limit ({@link OutputGuard}),
 * between the scoring step and the two output topics.
 *
 * @param conversationId the key of both outputs
 * @param decision the encoded decision
 * @param llmRequest the encoded LLM request, or null when the snippet is not forwarded
 * @param auditRequest the encoded audit request (the LLM request of a dropped snippet in the audit sample), or null
 */
public record DecisionOutputs(String conversationId, byte[] decision, byte[] llmRequest, byte[] auditRequest)
        implements ScoringOutcome {

    /** @return whether the snippet goes to the LLM */
    public boolean forwarded() {
        return llmRequest != null;
    }

    /** @return whether the snippet goes to the teacher to be labeled only */
    public boolean audited() {
        return auditRequest != null;
    }
}
