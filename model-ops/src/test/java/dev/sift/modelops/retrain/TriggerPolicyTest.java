package dev.sift.modelops.retrain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.learning.SinceLastRun;
import org.junit.jupiter.api.Test;

/** When what arrived since the last run starts another. */
class TriggerPolicyTest {

    private final TriggerPolicy policy = new TriggerPolicy(500, 0.3, 100);

    @Test
    void shouldStartARunWhenEnoughLabelsArrived() {
        assertThat(policy.decide(new SinceLastRun(499, 0, 0))).isEmpty();
        assertThat(policy.decide(new SinceLastRun(500, 0, 0))).contains(Trigger.NEW_LABELS);
    }

    @Test
    void shouldStartARunWhenTheTeacherDisagreesTooOftenOnEnoughLabels() {
        assertThat(policy.decide(new SinceLastRun(100, 100, 29))).isEmpty();
        assertThat(policy.decide(new SinceLastRun(100, 100, 30))).contains(Trigger.DRIFT);
        assertThat(policy.decide(new SinceLastRun(99, 99, 99))).as("too few teacher labels to judge").isEmpty();
    }

    @Test
    void shouldNeverCountLabelsWhenTheVolumeTriggerIsOff() {
        assertThat(new TriggerPolicy(0, 0.3, 100).decide(new SinceLastRun(1_000_000, 0, 0))).isEmpty();
    }
}
