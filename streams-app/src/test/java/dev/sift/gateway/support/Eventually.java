package dev.sift.gateway.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes: for state another thread or process reaches. */
public final class Eventually {

    private static final Duration POLL = Duration.ofMillis(100);

    private Eventually() {
    }

    /**
     * @param timeout how long to wait at most
     * @param what what is read
     * @param until the condition it must meet
     * @param <T> what is read
     * @return the first value meeting the condition
     * @throws AssertionError with the last value read when the deadline passed
     */
    public static <T> T await(Duration timeout, Supplier<T> what, Predicate<T> until) {
        Instant deadline = Instant.now().plus(timeout);
        T last = what.get();
        while (!until.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within " + timeout + "; last value: " + last);
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
            last = what.get();
        }
        return last;
    }
}
