package dev.sift.gateway.health;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stream thread failures of this gateway, recorded as they happen (by {@code StreamsSupervision}, before the thread
 * is replaced), counted in the {@code sift.stream.thread.failures} metric, and judged: the gateway is unhealthy while
 * {@link StreamHealthConfig#threadFailures()} or more happened within {@link StreamHealthConfig#failureWindow()} and
 * the last one less than {@link StreamHealthConfig#recovery()} ago. Thread-safe.
 */
@Singleton
public class StreamThreadFailures {

    /** Longest exception message kept for the health details. */
    private static final int MAX_MESSAGE_CHARS = 300;

    private final StreamHealthConfig config;
    private final Clock clock;
    private final Counter counter;
    private final Deque<Instant> recent = new ArrayDeque<>();
    private long total;
    private Failure last;

    /**
     * @param config when failures make the gateway unhealthy
     * @param clock wall clock
     * @param registry where the failure count is published
     */
    public StreamThreadFailures(StreamHealthConfig config, Clock clock, MeterRegistry registry) {
        this.config = config;
        this.clock = clock;
        this.counter = Counter.builder("sift.stream.thread.failures")
                .description("Stream threads that failed and were replaced").register(registry);
    }

    /**
     * @param thread the failed thread's name
     * @param error what it failed with
     */
    public synchronized void record(String thread, Throwable error) {
        Instant now = clock.instant();
        recent.addLast(now);
        total++;
        counter.increment();
        last = new Failure(now, thread, describe(error));
    }

    /** @return the judgement now: unhealthy or not, and why */
    public synchronized Judgement judge() {
        Instant now = clock.instant();
        while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(config.failureWindow()))) {
            recent.removeFirst();
        }
        boolean failing = recent.size() >= config.threadFailures() && last != null
                && last.at().isAfter(now.minus(config.recovery()));
        return new Judgement(failing, recent.size(), total, Optional.ofNullable(last));
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(error.toString());
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.length() <= MAX_MESSAGE_CHARS ? text.toString() : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    /**
     * One failure.
     *
     * @param at when
     * @param thread the thread's name
     * @param error the exception and its causes, shortened
     */
    public record Failure(Instant at, String thread, String error) {
    }

    /**
     * The state of stream threads as failures tell it.
     *
     * @param failing whether threads keep failing: the gateway is unhealthy
     * @param inWindow failures within the window
     * @param total failures since start
     * @param last the latest failure, if any
     */
    public record Judgement(boolean failing, int inWindow, long total, Optional<Failure> last) {

        /** @return the judgement as health details */
        public Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("failuresInWindow", inWindow);
            details.put("failuresSinceStart", total);
            last.ifPresent(f -> {
                details.put("lastFailureAt", f.at().toString());
                details.put("lastFailureThread", f.thread());
                details.put("lastFailure", f.error());
            });
            return details;
        }
    }
}
