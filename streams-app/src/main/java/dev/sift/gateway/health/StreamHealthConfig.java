package dev.sift.gateway.health;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code sift.health.*}: when failing stream threads make the gateway unhealthy. A failed stream thread is replaced
 * and resumes from the last commit, which is right for a passing fault (a broker restarting, a fenced transaction);
 * the same failure again and again means partitions that make no progress while the client looks RUNNING. A
 * replacement gets the failed thread's partitions only once the failed thread's consumer has been dropped from the
 * group (Kafka Streams' consumers do not leave it when they close): a thread failing on the same record fails about
 * once per consumer session timeout (45 s by default), so the recovery time must be longer than that.
 *
 * @param threadFailures failures within {@code failureWindow} that make the gateway unhealthy
 * @param failureWindow how far back failures count
 * @param recovery how long without a failure before the gateway is healthy again: processing has resumed; longer
 *     than the consumer session timeout
 */
@ConfigurationProperties("sift.health")
public record StreamHealthConfig(@Bindable(defaultValue = "3") int threadFailures,
        @Bindable(defaultValue = "10m") Duration failureWindow,
        @Bindable(defaultValue = "2m") Duration recovery) {

    /** Checks the settings. */
    public StreamHealthConfig {
        if (threadFailures < 1) {
            throw new IllegalArgumentException("sift.health.thread-failures must be at least 1, was "
                    + threadFailures);
        }
        if (failureWindow.isNegative() || failureWindow.isZero() || recovery.isNegative() || recovery.isZero()) {
            throw new IllegalArgumentException("sift.health.failure-window and recovery must be positive");
        }
    }
}
