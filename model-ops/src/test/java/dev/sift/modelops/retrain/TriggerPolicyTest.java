package dev.sift.modelops.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.learning.SinceLastRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When what arrived since the last run starts another. */
class TriggerPolicyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private final TriggerPolicy policy = new TriggerPolicy(500, 0.3, 100, Duration.ofMinutes(30));

    @Test
    void shouldStartARunWhenEnoughLabelsArrived() {
        assertThat(policy.decide(new SinceLastRun(499, 0, 0), Optional.empty(), NOW)).isEmpty();
        assertThat(policy.decide(new SinceLastRun(500, 0, 0), Optional.empty(), NOW)).contains(Trigger.NEW_LABELS);
    }

    @Test
    void shouldStartARunWhenTheTeacherDisagreesTooOftenOnEnoughLabels() {
        assertThat(policy.decide(new SinceLastRun(100, 100, 29), Optional.empty(), NOW)).isEmpty();
        assertThat(policy.decide(new SinceLastRun(100, 100, 30), Optional.empty(), NOW)).contains(Trigger.DRIFT);
        assertThat(policy.decide(new SinceLastRun(99, 99, 99), Optional.empty(), NOW))
                .as("too few teacher labels to judge").isEmpty();
    }

    @Test
    void shouldNeverCountLabelsWhenTheVolumeTriggerIsOff() {
        assertThat(new TriggerPolicy(0, 0.3, 100, Duration.ZERO).decide(new SinceLastRun(1_000_000, 0, 0),
                Optional.empty(), NOW)).isEmpty();
    }

    @Test
    void shouldNotStartRunsBackToBackWhateverArrives() {
        // Given a run a trigger started 29 minutes ago, and a flood of labels since
        SinceLastRun flood = new SinceLastRun(1_000_000, 1_000_000, 1_000_000);

        // Then no run starts before the gap has passed
        assertThat(policy.decide(flood, Optional.of(NOW.minus(Duration.ofMinutes(29))), NOW)).isEmpty();
        assertThat(policy.decide(flood, Optional.of(NOW.minus(Duration.ofMinutes(30))), NOW))
                .contains(Trigger.DRIFT);
    }
}
