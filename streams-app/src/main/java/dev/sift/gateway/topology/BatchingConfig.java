package dev.sift.gateway.topology;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code sift.batching.*}: how many snippets the gateway scores in one inference call and how long a snippet may
 * wait for its batch to fill. One ONNX Runtime call for many snippets shares the fixed cost of a call and lets the
 * CPU work on wider matrices; the wait bounds what that costs in latency under light traffic.
 *
 * @param maxSize most snippets per batch; 1 scores each snippet as it comes, with no buffer
 * @param maxWait how long the oldest buffered snippet waits for its batch to fill before the batch is scored, full or
 *     not (checked as snippets come and every fifth of it)
 */
@ConfigurationProperties("sift.batching")
public record BatchingConfig(@Bindable(defaultValue = "16") int maxSize,
        @Bindable(defaultValue = "5ms") Duration maxWait) {

    /** Scores every snippet on its own as it comes. */
    public static final BatchingConfig PER_RECORD = new BatchingConfig(1, Duration.ofMillis(1));

    /** Checks the settings. */
    public BatchingConfig {
        if (maxSize < 1) {
            throw new IllegalArgumentException("sift.batching.max-size must be at least 1, was " + maxSize);
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("sift.batching.max-wait must be positive, was " + maxWait);
        }
    }

    /** @return how often a buffer is checked for a snippet that has waited max-wait: a fifth of it, at least 1 ms */
    public Duration checkInterval() {
        Duration fifth = maxWait.dividedBy(5);
        return fifth.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : fifth;
    }

    /** @return whether snippets are buffered into batches */
    public boolean batched() {
        return maxSize > 1;
    }
}
