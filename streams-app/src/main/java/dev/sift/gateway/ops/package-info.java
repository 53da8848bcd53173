/**
 * The filter-policy API: {@link dev.sift.gateway.ops.PolicyController} ({@code /policies}) lists, reads, validates,
 * changes and deletes policies and reads their audit trail, as {@link dev.sift.gateway.ops.PolicyDocument} JSON;
 * {@link dev.sift.gateway.ops.PolicyValidator} checks a change field by field before it is stored, and
 * {@link dev.sift.gateway.ops.PolicyWriter} stores the policy (compacted policies topic) and its {@code PolicyChange}
 * (policy-audit topic) in one Kafka transaction, as the ops principal; a change Kafka did not take is a
 * {@link dev.sift.gateway.ops.PolicyStoreException}. {@link dev.sift.gateway.ops.OpsCredentials} ({@code sift.ops.*})
 * are the ops and read tokens, handed to the shared access rule by {@link dev.sift.gateway.ops.OpsAccess}.
 *
 * <p>Not here: how a stored policy is found and applied to a snippet ({@link dev.sift.gateway.policy}), what-if
 * questions ({@link dev.sift.gateway.whatif}), and the access rule itself ({@code dev.sift.http.auth}).
 */
package dev.sift.gateway.ops;
