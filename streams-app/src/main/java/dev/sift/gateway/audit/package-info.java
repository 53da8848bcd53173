/**
 * The audit sample: a share of the snippets a policy drops also goes to the teacher, on the audit-requests topic, so
 * that what the filter misses can be measured and learned from. Which snippets is decided by a hash of the snippet id
 * ({@link dev.sift.schema.audit.AuditSampler}), how many per hour by the policy's budget
 * ({@link dev.sift.gateway.audit.AuditBudget}), kept in a changelogged store so that a replay after a crash samples
 * exactly what the first run did.
 */
package dev.sift.gateway.audit;
