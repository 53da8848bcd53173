package dev.sift.modelops.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a run has stopped improving on its validation split. */
class EarlyStoppingTest {

    @Test
    void shouldStopAfterPatienceEvaluationsInARowWithoutANewBest() {
        // Given a patience of two evaluations
        EarlyStopping stopping = new EarlyStopping(2);

        // When the score improves, falls back once, improves again, then falls back twice
        assertThat(stopping.offer(new ValidationPoint(0, 0.9, 0.2))).isTrue();
        assertThat(stopping.offer(new ValidationPoint(10, 0.7, 0.5))).isTrue();
        assertThat(stopping.offer(new ValidationPoint(20, 0.8, 0.4))).isFalse();
        assertThat(stopping.exhausted()).isFalse();
        assertThat(stopping.offer(new ValidationPoint(30, 0.6, 0.6))).isTrue();
        assertThat(stopping.offer(new ValidationPoint(40, 0.65, 0.6))).isFalse();
        assertThat(stopping.exhausted()).isFalse();
        assertThat(stopping.offer(new ValidationPoint(50, 0.7, 0.55))).isFalse();

        // Then it stops, with the evaluation of step 30 the best
        assertThat(stopping.exhausted()).isTrue();
        assertThat(stopping.best().step()).isEqualTo(30);
    }

    @Test
    void shouldPreferHigherAccuracyAndAtEqualAccuracyLowerLoss() {
        ValidationPoint base = new ValidationPoint(0, 0.5, 0.8);

        assertThat(new ValidationPoint(1, 0.9, 0.81).betterThan(base)).isTrue();
        assertThat(new ValidationPoint(1, 0.1, 0.79).betterThan(base)).isFalse();
        assertThat(new ValidationPoint(1, 0.4, 0.8).betterThan(base)).isTrue();
        assertThat(new ValidationPoint(1, 0.5, 0.8).betterThan(base)).as("a tie is no improvement").isFalse();
    }

    @Test
    void shouldNeverKeepADivergedEvaluationAsTheBest() {
        // Given a run whose first evaluation already diverged
        EarlyStopping stopping = new EarlyStopping(1);
        stopping.offer(new ValidationPoint(0, Double.NaN, 0.3));

        // Then any finite evaluation beats it, and a diverged one never beats a finite one
        assertThat(stopping.offer(new ValidationPoint(5, 2.0, 0.1))).isTrue();
        assertThat(stopping.offer(new ValidationPoint(10, Double.NaN, 0.9))).isFalse();
        assertThat(stopping.best().step()).isEqualTo(5);
        assertThat(stopping.exhausted()).isTrue();
    }

    @Test
    void shouldNeverStopWhenPatienceIsZero() {
        EarlyStopping stopping = new EarlyStopping(0);
        stopping.offer(new ValidationPoint(0, 0.1, 0.9));
        for (int step = 1; step < 100; step++) {
            stopping.offer(new ValidationPoint(step, 1.0, 0.1));
        }

        assertThat(stopping.exhausted()).isFalse();
        assertThat(stopping.best().step()).isZero();
    }
}
