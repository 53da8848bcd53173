/**
 * What the gateway counts, and the Kafka Streams exception handlers that count what they set aside:
 * {@link dev.sift.gateway.metrics.GatewayMetrics} publishes the Prometheus meters (decisions and forwards by tenant and
 * intent, decision latency, tokens, truncations, inference calls, dead letters by stage, the live model), every tag
 * from a bounded set (tenants with a policy of their own, the rest under one {@code TenantTag}).
 * {@link dev.sift.gateway.metrics.CountingProcessingHandler} and
 * {@link dev.sift.gateway.metrics.CountingDeserializationHandler} (set in {@code application.yml}) dead-letter the
 * record they are called for and go on, counting in {@link dev.sift.gateway.metrics.DeadLetterCounts};
 * {@link dev.sift.gateway.metrics.FailedSendHandler} handles a send the broker refused without a dead letter of its
 * own.
 *
 * <p>The dead letter's form is written once elsewhere: the record by
 * {@code dev.sift.gateway.topology.HandlerDeadLetters}, its reason headers by
 * {@code dev.sift.schema.deadletter.DeadLetterHeaders}. The dashboard's last-minute figures are
 * {@link dev.sift.gateway.dashboard.LiveStats}.
 */
package dev.sift.gateway.metrics;
