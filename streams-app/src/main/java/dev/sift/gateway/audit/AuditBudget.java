package dev.sift.gateway.audit;

import java.time.Instant;

/**
 * How many audit samples a policy may still send in an hour: the teacher's cost is bounded by
 * {@code maxAuditsPerHour}. Hours are of event time (the snippet's own time), not of the gateway's clock, so a replay
 * takes the same decisions.
 */
public interface AuditBudget {

    /** No cap anywhere: every sampled snippet is audited. */
    AuditBudget UNLIMITED = (policyId, eventTime, maxPerHour) -> true;

    /**
     * Takes one audit from the policy's budget of the snippet's hour, if any is left.
     *
     * @param policyId the deciding policy
     * @param eventTime the snippet's event time
     * @param maxPerHour the policy's cap for the whole fleet, or null for none
     * @return whether the snippet may be audited (when true, the audit is counted)
     */
    boolean take(String policyId, Instant eventTime, Integer maxPerHour);
}
