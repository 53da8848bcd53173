/**
 * The ops dashboard: {@link dev.sift.gateway.dashboard.DashboardController} serves the page ({@code /dashboard}) and
 * its live data ({@code /dashboard/stats}) to the read credential, and {@link dev.sift.gateway.dashboard.LiveStats}
 * keeps what this gateway decided over the last minute (throughput, forward rates, tokens held back, latency).
 *
 * <p>The page reads policies and what-if predictions from their own APIs ({@link dev.sift.gateway.policy},
 * {@link dev.sift.gateway.whatif}); the Prometheus meters are {@link dev.sift.gateway.metrics}.
 */
package dev.sift.gateway.dashboard;
