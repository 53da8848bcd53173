package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.console.Progress;
import org.junit.jupiter.api.Test;

/** The walk over context scales, from the largest down. */
class ScaleWalkTest {

    @Test
    void shouldStopWalkingDownOnceAScaleFallsBeyondTheMarginButAlwaysFitTheTurnAlone() {
        // Given short replies that only their context tells apart, and scales too small for the context to count
        Examples train = new Conversations(11).clearTurnsAfterAGreeting(30).shortReplies(30).examples();
        Examples validation = new Conversations(12).clearTurnsAfterAGreeting(15).shortReplies(15).examples();
        ContextScales scales = new ContextScales(new double[] {0, 1e-5, 1e-4, 1}, 0.01);

        // When the walk fits them
        ScaleWalk.Fitted fitted = new ScaleWalk(TrainingOptions.defaults().withThreads(1), scales, Progress.NONE)
                .run(train, validation, Conversations.TURN, Conversations.INTENTS, false);

        // Then it stopped at the first scale beyond the margin, skipped the smaller one, and fitted the turn alone
        assertThat(fitted.scoreByScale().keySet()).containsExactly(0.0, 1e-4, 1.0);
        assertThat(fitted.scoreByScale().get(1e-4)).isLessThan(fitted.scoreByScale().get(1.0) - 0.01);
        assertThat(fitted.fits().get(0.0).head().inputSize()).isEqualTo(Conversations.TURN);
        assertThat(fitted.fits().get(1.0).head().inputSize()).isEqualTo(2 * Conversations.TURN);
    }
}
