/**
 * The filter-policy feature, from its API to the rule that decides what reaches the LLM.
 *
 * <p>The rule: {@link dev.sift.gateway.policy.ForwardRule} is the forward rule, written once for the live filter, the
 * what-if replay and the threshold search: an intent at its threshold (always-forward and never-forward intents
 * included) or a watched brand mentioned with the watched polarity. {@link dev.sift.gateway.policy.PolicyEvaluator}
 * applies it to a classified snippet and explains the {@link dev.sift.gateway.policy.Verdict};
 * {@link dev.sift.gateway.policy.ForwardBudget} caps the forwarded share on top;
 * {@link dev.sift.gateway.policy.BrandMatcher} finds the watched brands a snippet is about.
 *
 * <p>The policies in force: {@link dev.sift.gateway.policy.PolicyTable} holds the compacted policies topic as the
 * global table every instance decides with; {@link dev.sift.gateway.policy.PolicyBook} picks the policy of a snippet
 * (channel, tenant, fleet default, configured default), {@link dev.sift.gateway.policy.PolicyDirectory} lists the
 * policies in force for the API, and {@link dev.sift.gateway.policy.DefaultPolicyConfig} is
 * {@code sift.policy.default.*}.
 *
 * <p>Changing them: {@link dev.sift.gateway.policy.PolicyController} ({@code /policies}) lists, reads, validates,
 * changes and deletes policies and reads their audit trail, as {@link dev.sift.gateway.policy.PolicyDocument} JSON;
 * {@link dev.sift.gateway.policy.PolicyValidator} checks a change field by field before it is stored, and
 * {@link dev.sift.gateway.policy.PolicyWriter} stores the policy (policies topic) and its {@code PolicyChange}
 * (policy-audit topic) in one Kafka transaction, as the ops principal; a change Kafka did not take is a
 * {@link dev.sift.gateway.policy.PolicyStoreException}.
 *
 * <p>Not here: calling the rule per snippet in the stream ({@code dev.sift.gateway.topology.SnippetDecider}), the audit
 * sample of dropped snippets ({@link dev.sift.gateway.audit}), the ops API's credentials ({@link dev.sift.gateway.ops})
 * and replaying policies on recorded decisions ({@link dev.sift.gateway.whatif}).
 */
package dev.sift.gateway.policy;
