package dev.sift.gateway.topology;

import dev.sift.gateway.audit.AuditBudget;
import dev.sift.schema.FilterPolicy;
import java.util.function.Function;

/**
 * What a stream task's state stores tell the decision: the stored policies and the audit budget left.
 *
 * @param storedPolicies the policies table, by policy id (null when a policy id has none)
 * @param audits the task's audit budget
 */
public record TaskStores(Function<String, FilterPolicy> storedPolicies, AuditBudget audits) {
}
