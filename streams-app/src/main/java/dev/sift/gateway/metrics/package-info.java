/**
 * What the gateway counts: {@link dev.sift.gateway.metrics.GatewayMetrics} publishes the Prometheus meters (decisions,
 * forwards and audits by tenant and intent, decision latency, tokens, truncations, inference calls, dead letters by
 * stage, the live model), every tag from a bounded set (tenants with a policy of their own, the rest under one
 * {@link dev.sift.gateway.metrics.TenantTag}).
 *
 * <p>Not here: the exception handlers that set records aside and count them ({@link dev.sift.gateway.deadletter}), and
 * the dashboard's last-minute figures ({@link dev.sift.gateway.dashboard.LiveStats}).
 */
package dev.sift.gateway.metrics;
