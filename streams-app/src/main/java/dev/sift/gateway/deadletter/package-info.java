/**
 * Records the gateway sets aside: the Kafka Streams exception handlers named in {@code application.yml}
 * ({@link dev.sift.gateway.deadletter.CountingProcessingHandler} for snippets that cannot be read or used,
 * {@link dev.sift.gateway.deadletter.CountingDeserializationHandler} for unreadable records of the policies table,
 * {@link dev.sift.gateway.deadletter.FailedSendHandler} for a send the broker refused), the dead letter they write
 * ({@link dev.sift.gateway.deadletter.HandlerDeadLetters}: the record as it came, with the reason headers of
 * {@link dev.sift.schema.deadletter.DeadLetterHeaders}), and what they count
 * ({@link dev.sift.gateway.deadletter.DeadLetterCounts}, published by the metrics).
 *
 * <p>Not here: snippets the model fails on or whose outputs would be too large, which the topology itself routes to the
 * dead-letter topic ({@code dev.sift.gateway.topology.ScoreSnippets}, {@code FailedSnippet}).
 */
package dev.sift.gateway.deadletter;
