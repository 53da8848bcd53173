package dev.sift.gateway.audit;

import java.time.Instant;

/**
 * How many audit samples a policy may still send in an hour: the teacher's cost is bounded by
 * {@code maxAuditsPerHour}. Hours are of the gateway's clock, not of the snippets' event times: a producer chooses its
 * event times, and a cap per claimed hour would let one producer claim as many hours, and as many audits, as it likes
 * (and fill the budget's store with them). Which snippets are sampled does not depend on the clock
 * ({@link dev.sift.schema.audit.AuditSampler}); only how many of them an hour may take does.
 */
public interface AuditBudget {

    /** No cap anywhere: every sampled snippet is audited. */
    AuditBudget UNLIMITED = (policyId, now, maxPerHour) -> true;

    /**
     * Takes one audit from the policy's budget of the current hour, if any is left.
     *
     * @param policyId the deciding policy
     * @param now the gateway's clock
     * @param maxPerHour the policy's cap for the whole fleet, or null for none
     * @return whether the snippet may be audited (when true, the audit is counted)
     */
    boolean take(String policyId, Instant now, Integer maxPerHour);
}
