package dev.sift.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.support.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;

/** Specification of when failing stream threads make the gateway unhealthy, and when it is healthy again. */
class StreamThreadFailuresTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StreamThreadFailures failures = new StreamThreadFailures(
            new StreamHealthConfig(3, Duration.ofMinutes(5), Duration.ofMinutes(1)), clock, registry);

    @Test
    void shouldStayHealthyThroughAnOccasionalFailure() {
        failures.record("StreamThread-1", new StreamsException("broker gone"));
        clock.advance(Duration.ofMinutes(2));
        failures.record("StreamThread-3", new StreamsException("fenced"));

        assertThat(failures.judge().failing()).isFalse();
    }

    @Test
    void shouldBeUnhealthyWhileTheSameFailureRepeatsWithTheReasonAndHealthyOnceItStops() {
        // Given a thread failing on the same record every few seconds
        StreamsException poison = new StreamsException("Error encountered sending record to topic sift.decisions",
                new RecordTooLargeException("The request included a message larger than the max message size"));
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(8));
            failures.record("StreamThread-" + (i + 1), poison);
        }

        // Then the gateway is unhealthy, and says why
        StreamThreadFailures.Judgement judgement = failures.judge();
        assertThat(judgement.failing()).isTrue();
        assertThat(judgement.details()).containsEntry("failuresInWindow", 3)
                .containsEntry("lastFailureThread", "StreamThread-3");
        assertThat(judgement.details().get("lastFailure").toString()).contains("RecordTooLargeException");
        assertThat(registry.get("sift.stream.thread.failures").counter().count()).isEqualTo(3);

        // When no thread fails for the recovery time: processing has resumed
        clock.advance(Duration.ofSeconds(59));
        assertThat(failures.judge().failing()).isTrue();
        clock.advance(Duration.ofSeconds(2));

        // Then it is healthy again
        assertThat(failures.judge().failing()).isFalse();
    }
}
