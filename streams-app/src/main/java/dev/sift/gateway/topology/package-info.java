/**
 * The gateway's Kafka Streams topology, the path of every snippet. {@link dev.sift.gateway.topology.FilterTopology}
 * builds it (registered by {@link dev.sift.gateway.topology.FilterTopologyFactory}, made of
 * {@link dev.sift.gateway.topology.FilterParts}): snippets are read as bytes and checked by
 * {@link dev.sift.gateway.topology.ScoreSnippets} in three steps, the raw record ({@code RawRecordCheck}, after
 * {@link dev.sift.gateway.topology.OversizedHeadersInterceptor} trimmed headers beyond the limits), its Avro shape
 * (decoding limits) and its fields ({@link dev.sift.gateway.topology.SnippetValidator}), all within
 * {@link dev.sift.gateway.topology.InputLimits} ({@code sift.input.*}); usable snippets wait in the changelogged
 * {@code PendingBuffer} micro-batch ({@link dev.sift.gateway.topology.BatchingConfig}, {@code sift.batching.*}), are
 * scored under one lease of the live model, decided by {@link dev.sift.gateway.topology.SnippetDecider} (policy,
 * forward rule, forward budget, audit sample), encoded and checked against
 * {@link dev.sift.gateway.topology.OutputLimits} by {@code OutputGuard}, and routed to the decisions, llm-requests and
 * audit-requests topics ({@link dev.sift.gateway.topology.DecisionOutputs}), or to the dead-letter topic
 * ({@link dev.sift.gateway.topology.FailedSnippet}). Records refused before scoring are dead-lettered by the processing
 * exception handler with {@link dev.sift.gateway.deadletter.HandlerDeadLetters}. The policies topic is registered
 * as the global table every instance decides with ({@code dev.sift.gateway.policy.PolicyTable}).
 *
 * <p>Not here: the forward rule and policies, their table included ({@link dev.sift.gateway.policy}), the audit budget's store
 * ({@link dev.sift.gateway.audit}), the model and its swaps
 * ({@link dev.sift.gateway.release}), the exception handlers and meters ({@link dev.sift.gateway.metrics}), and the dead
 * letters' reason headers ({@code dev.sift.schema.deadletter.DeadLetterHeaders}).
 */
package dev.sift.gateway.topology;
