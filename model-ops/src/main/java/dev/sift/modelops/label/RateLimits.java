package dev.sift.modelops.label;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * The provider's two limits as token buckets (Bucket4j): calls per second and tokens per minute. A call takes one
 * call permit and its estimated tokens before it starts, waiting when a bucket is empty; once the API reports what the
 * call really used, {@link #settle} returns the unused estimate or takes the excess as debt, so the token bucket
 * follows actual usage. A limit of 0 means none.
 */
public final class RateLimits {

    private final Bucket calls;
    private final Bucket tokens;
    private final long tokenCapacity;

    /**
     * @param requestsPerSecond calls per second; 0 for no limit
     * @param tokensPerMinute tokens per minute; 0 for no limit
     */
    public RateLimits(double requestsPerSecond, long tokensPerMinute) {
        this.calls = requestsPerSecond <= 0 ? null : bucket(Math.max(1, (long) Math.ceil(requestsPerSecond)),
                Duration.ofNanos((long) (Math.max(1, Math.ceil(requestsPerSecond)) * 1e9 / requestsPerSecond)));
        this.tokens = tokensPerMinute <= 0 ? null : bucket(tokensPerMinute, Duration.ofMinutes(1));
        this.tokenCapacity = tokensPerMinute;
    }

    /**
     * @param config labeler settings
     * @return its limits
     */
    public static RateLimits of(LabelerConfig config) {
        return new RateLimits(config.getRequestsPerSecond(), config.getTokensPerMinute());
    }

    /** A bucket holding up to {@code capacity} permits, refilled smoothly with {@code capacity} per period. */
    private static Bucket bucket(long capacity, Duration period) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
                .build();
    }

    /**
     * Waits for one call permit and the estimated tokens.
     *
     * @param estimatedTokens tokens the call may use
     * @return the tokens actually taken (the estimate, at most one minute's worth), to pass to {@link #settle}
     * @throws InterruptedException when the labeler stops meanwhile
     */
    public long acquire(long estimatedTokens) throws InterruptedException {
        if (calls != null) {
            calls.asBlocking().consume(1);
        }
        if (tokens == null) {
            return 0;
        }
        long taken = Math.max(1, Math.min(estimatedTokens, tokenCapacity));
        tokens.asBlocking().consume(taken);
        return taken;
    }

    /**
     * Corrects the token bucket once the call's real usage is known.
     *
     * @param taken what {@link #acquire} took
     * @param used tokens the API reported
     */
    public void settle(long taken, long used) {
        if (tokens == null) {
            return;
        }
        if (used > taken) {
            tokens.consumeIgnoringRateLimits(used - taken);
        } else if (used < taken) {
            tokens.addTokens(taken - used);
        }
    }
}
