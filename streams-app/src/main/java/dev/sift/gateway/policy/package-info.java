/**
 * Filter policies and the rule that decides what reaches the LLM. {@link dev.sift.gateway.policy.ForwardRule} is the
 * forward rule, written once for the live filter, the what-if replay and the threshold search: an intent at its
 * threshold (always-forward and never-forward intents included) or a watched brand mentioned with the watched polarity.
 * {@link dev.sift.gateway.policy.PolicyEvaluator} applies it to a classified snippet and explains the
 * {@link dev.sift.gateway.policy.Verdict}; {@link dev.sift.gateway.policy.ForwardBudget} caps the forwarded share on
 * top; {@link dev.sift.gateway.policy.BrandMatcher} finds the watched brands a snippet is about.
 * {@link dev.sift.gateway.policy.PolicyBook} picks the policy of a snippet (channel, tenant, fleet default, configured
 * default), {@link dev.sift.gateway.policy.PolicyDirectory} lists the policies in force for the API, and
 * {@link dev.sift.gateway.policy.DefaultPolicyConfig} is {@code sift.policy.default.*}.
 *
 * <p>Not here: calling the rule per snippet in the stream ({@code dev.sift.gateway.topology.SnippetDecider}), the audit
 * sample of dropped snippets ({@link dev.sift.gateway.audit}), changing policies ({@link dev.sift.gateway.ops}) and
 * replaying them on recorded decisions ({@link dev.sift.gateway.whatif}).
 */
package dev.sift.gateway.policy;
