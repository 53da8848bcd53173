package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.modelops.console.Progress;
import dev.sift.modelops.evaluate.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A context-aware intent head leans on the context only where held-out data shows it helps. The rows are synthetic
 * [turn; context] pairs ({@link Conversations}): clear turns (an intent, or nothing, alone), short replies whose turn
 * is the same whatever they mean (the intent of the offer they answer, or nothing after a small question), and a
 * context block holding the service's offer, a small question or a greeting.
 */
class ContextHeadTrainerTest {

    private static final List<String> INTENTS = Conversations.INTENTS;
    private static final int TURN = Conversations.TURN;
    private static final TrainingOptions OPTIONS = TrainingOptions.defaults().withThreads(1);

    @Test
    void shouldIgnoreContextThatDoesNotHelpOnValidation() {
        // Given clear turns whose context mirrors their intent in training but says nothing about it on validation
        Examples train = new Conversations(1).clearTurnsAfterTheirOwnOffer(60).examples();
        Examples validation = new Conversations(2).clearTurnsAfterAnyOffer(60).examples();

        // When the context-aware head is trained
        ContextHeadTrainer.Result result = new ContextHeadTrainer(OPTIONS, ContextScales.defaults(), Progress.NONE)
                .trainIntents(ContextHeadTrainer.Rows.of(train, validation, TURN), INTENTS, false);

        // Then it ignores the context, which the plain concatenated head would lean on: the head is the
        // context-free head, with zero weights on the context
        assertThat(result.scoreByScale().get(1.0)).isLessThan(result.scoreByScale().get(0.0));
        assertThat(result.scale()).isZero();
        assertThat(result.judgedOn()).isEqualTo("validation split");
        assertThat(result.scoreByScale()).containsKeys(0.0, 1.0);
        LinearHead head = result.intents().head();
        LinearHead contextFree = new HeadTrainer(OPTIONS, Progress.NONE)
                .trainIntents(turns(train), turns(validation), INTENTS, false).head();
        assertThat(head.inputSize()).isEqualTo(2 * TURN);
        assertThat(Arrays.copyOf(head.weights(), TURN * INTENTS.size())).containsExactly(contextFree.weights());
        assertThat(Arrays.copyOfRange(head.weights(), TURN * INTENTS.size(), head.weights().length))
                .containsOnly(0f);
        assertThat(head.bias()).containsExactly(contextFree.bias());
    }

    @Test
    void shouldUseContextWhereItHelpsOnValidation() {
        // Given short replies that mean the intent of the offer they answer, beside clear turns, in both splits
        Examples train = new Conversations(3).clearTurnsAfterAGreeting(40).shortReplies(40).examples();
        Examples validation = new Conversations(4).clearTurnsAfterAGreeting(20).shortReplies(20).examples();

        // When the context-aware head is trained
        ContextHeadTrainer.Result result = new ContextHeadTrainer(OPTIONS, ContextScales.defaults(), Progress.NONE)
                .trainIntents(ContextHeadTrainer.Rows.of(train, validation, TURN), INTENTS, false);

        // Then it uses the context, and judges validation better than the turn alone beyond the margin
        assertThat(result.scale()).isPositive();
        assertThat(result.scoreByScale().get(result.scale()))
                .isGreaterThan(result.scoreByScale().get(0.0) + ContextScales.defaults().margin());
        LinearHead head = result.intents().head();
        assertThat(microF1(head, validation)).isGreaterThan(0.9);
        float[] cancelAfterItsOffer = new Conversations(5).shortReplies(1).examples().x()[0];
        assertThat(head.apply(cancelAfterItsOffer)[0]).isGreaterThan(0.5f);
    }

    @Test
    void shouldScoreTheUnscaledRowsAsTheHeadFittedOnScaledRowsScoredThem() {
        // Given a head fitted on rows whose context block is scaled by a quarter
        Examples rows = new Conversations(6).clearTurnsAfterAGreeting(20).shortReplies(20).examples();
        Examples scaled = ScaledContext.rows(rows, TURN, 0.25);
        LinearHead fitted = new HeadTrainer(OPTIONS.withCosts(8), Progress.NONE)
                .trainIntents(scaled, null, INTENTS, false).head();

        // When it is unscaled
        LinearHead head = ScaledContext.unscale(fitted, TURN, 2 * TURN, 0.25);

        // Then it gives every unscaled row the scores the fitted head gave the scaled row
        for (int i = 0; i < rows.size(); i++) {
            float[] expected = fitted.apply(scaled.x()[i]);
            float[] actual = head.apply(rows.x()[i]);
            for (int k = 0; k < expected.length; k++) {
                assertThat(actual[k]).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void shouldJudgeTheContextOnTheNamedExamplesAndThenTrainOnThemToo() {
        // Given older rows where short replies need their context, and the newest rows, clear turns after offers
        // they have nothing to do with
        Examples older = new Conversations(7).clearTurnsAfterAGreeting(40).shortReplies(40).examples();
        Examples newest = new Conversations(8).clearTurnsAfterAnyOffer(40).examples();
        Examples train = concat(older, newest);
        int[] judges = IntStream.range(older.size(), train.size()).toArray();
        ContextHeadTrainer trainer = new ContextHeadTrainer(OPTIONS, ContextScales.defaults(), Progress.NONE);

        // When the head is trained with the newest rows judging the context, and without
        ContextHeadTrainer.Result judged = trainer.trainIntents(new ContextHeadTrainer.Rows(train, null, TURN, judges),
                INTENTS, false);
        ContextHeadTrainer.Result crossValidated = trainer.trainIntents(ContextHeadTrainer.Rows.of(train, null, TURN),
                INTENTS, false);

        // Then cross-validation, mostly of the older rows, leans on the context, the newest rows do not; and the head
        // judged on them is the context-free head trained on every row, the judges included, at the cost they chose
        assertThat(crossValidated.scale()).isPositive();
        assertThat(crossValidated.judgedOn()).isEqualTo("cross-validation");
        assertThat(judged.scale()).isZero();
        assertThat(judged.judgedOn()).isEqualTo(newest.size() + " held-out training examples");
        LinearHead contextFree = new HeadTrainer(OPTIONS.withCosts(judged.intents().head().regularization()),
                Progress.NONE).trainIntents(turns(train), null, INTENTS, false).head();
        assertThat(Arrays.copyOf(judged.intents().head().weights(), TURN * INTENTS.size()))
                .containsExactly(contextFree.weights());
    }

    @Test
    void shouldTrainAtAFixedScaleWithoutComparingScales() {
        // Given a head to re-fit at the scale an earlier training chose
        Examples train = new Conversations(9).clearTurnsAfterAGreeting(20).shortReplies(20).examples();

        // When it is trained at that scale alone
        ContextHeadTrainer.Result result = new ContextHeadTrainer(OPTIONS, ContextScales.fixed(0.5), Progress.NONE)
                .trainIntents(ContextHeadTrainer.Rows.of(train, null, TURN), INTENTS, false);

        // Then that is its scale, and nothing was compared
        assertThat(result.scale()).isEqualTo(0.5);
        assertThat(result.scoreByScale()).isEmpty();
        assertThat(result.intents().head().inputSize()).isEqualTo(2 * TURN);
    }

    @Test
    void shouldKeepTheTurnAloneWhenTheJudgesCannotScoreAnyScale() {
        // Given single-label rows whose newest ones, the judges, all have no intent: no accuracy to compute on them
        Examples older = new Conversations(13).clearTurnsAfterAGreeting(30).shortReplies(30).examples();
        Examples newest = new Conversations(14).shortRepliesToSmallQuestions(30).examples();
        Examples train = concat(older, newest);
        int[] judges = IntStream.range(older.size(), train.size()).toArray();

        // When the head is trained on accuracy
        ContextHeadTrainer.Result result = new ContextHeadTrainer(OPTIONS, ContextScales.defaults(), Progress.NONE)
                .trainIntents(new ContextHeadTrainer.Rows(train, null, TURN, judges), INTENTS, true);

        // Then nothing told the scales apart, and the context is not used
        assertThat(result.scoreByScale().values()).allMatch(v -> v.isNaN());
        assertThat(result.scale()).isZero();
    }

    @Test
    void shouldRefuseJudgesThatLeaveNoRowToFitOn() {
        Examples train = new Conversations(15).shortReplies(2).examples();

        assertThatThrownBy(() -> new ContextHeadTrainer.Rows(train, null, TURN,
                IntStream.range(0, train.size()).toArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leave none of the 6 training rows");
        assertThatThrownBy(() -> new ContextHeadTrainer.Rows(train, null, TURN, new int[] {6}))
                .hasMessageContaining("judge 6 is not a training row");
    }

    private static double microF1(LinearHead head, Examples examples) {
        float[][] p = Arrays.stream(examples.x()).map(head::apply).toArray(float[][]::new);
        return Metrics.microF1(p, HeadTrainer.truth(examples.intents(), INTENTS), 0.5);
    }

    private static Examples turns(Examples rows) {
        return new Examples(Arrays.stream(rows.x()).map(r -> Arrays.copyOf(r, TURN)).toArray(float[][]::new),
                rows.intents(), rows.polarities());
    }

    private static Examples concat(Examples a, Examples b) {
        List<float[]> x = new ArrayList<>(Arrays.asList(a.x()));
        x.addAll(Arrays.asList(b.x()));
        List<Set<String>> intents = new ArrayList<>(a.intents());
        intents.addAll(b.intents());
        List<String> polarities = new ArrayList<>(a.polarities());
        polarities.addAll(b.polarities());
        return new Examples(x.toArray(float[][]::new), intents, polarities);
    }
}
