package dev.sift.modelops.label;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The token buckets: calls are spaced at the configured rate, and tokens follow what the API reports. */
class RateLimitsTest {

    @Test
    void shouldSpaceCallsBeyondTheBurstAtTheConfiguredRate() throws Exception {
        // Given 10 calls per second (a burst of 10, then one every 100 ms)
        RateLimits limits = new RateLimits(10, 0);

        // When 15 calls start
        long start = System.nanoTime();
        for (int i = 0; i < 15; i++) {
            limits.acquire(1);
        }

        // Then the 5 beyond the burst waited their turn
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
    }

    @Test
    void shouldMakeTheNextCallWaitWhenACallUsedMoreTokensThanEstimated() throws Exception {
        // Given 6,000 tokens per minute (100 per second) and a call that used 50 more than the bucket held
        RateLimits limits = new RateLimits(0, 6000);
        long taken = limits.acquire(100);
        limits.settle(taken, 6050);

        // When the next call needs 50 tokens
        long start = System.nanoTime();
        limits.acquire(50);

        // Then it waited for the debt and its own tokens: about one second
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void shouldReturnTheUnusedEstimate() throws Exception {
        // Given a bucket of 1,000 tokens per minute and a call estimated at all of it that used 10
        RateLimits limits = new RateLimits(0, 1000);
        long taken = limits.acquire(1000);
        limits.settle(taken, 10);

        // When the next call needs 900
        long start = System.nanoTime();
        limits.acquire(900);

        // Then it did not wait for a refill
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }
}
