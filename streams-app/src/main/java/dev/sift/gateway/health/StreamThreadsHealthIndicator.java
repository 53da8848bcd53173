package dev.sift.gateway.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import io.micronaut.management.health.indicator.annotation.Liveness;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * The {@code stream-threads} entry of the health endpoint: DOWN while stream threads keep failing and being replaced
 * (see {@link StreamThreadFailures}), with the count and the last failure in its details; UP again once none has
 * failed for {@code sift.health.recovery}.
 */
@Singleton
@Liveness
public class StreamThreadsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final StreamThreadFailures failures;

    /**
     * @param failures the failures recorded
     */
    public StreamThreadsHealthIndicator(StreamThreadFailures failures) {
        this.failures = failures;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        StreamThreadFailures.Judgement judgement = failures.judge();
        healthStatus = judgement.failing() ? HealthStatus.DOWN : HealthStatus.UP;
        return judgement.details();
    }

    @Override
    protected String getName() {
        return "stream-threads";
    }
}
