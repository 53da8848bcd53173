package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Polarities;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeadTrainerTest {

    private static final List<String> INTENTS = List.of("intent0", "intent1", "intent2");

    /** Unit vectors around one centre per class, plus "irrelevant" noise examples with no intent. */
    private static Examples clusters(int perClass, long seed, double spread) {
        Random random = new Random(seed);
        int width = 16;
        List<float[]> x = new ArrayList<>();
        List<Set<String>> intents = new ArrayList<>();
        List<String> polarities = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < perClass; i++) {
                float[] v = new float[width];
                v[c] = 1f;
                for (int d = 0; d < width; d++) {
                    v[d] += (float) (random.nextGaussian() * spread);
                }
                x.add(v);
                intents.add(Set.of("intent" + c));
                polarities.add(Polarities.ALL.get(c));
            }
        }
        for (int i = 0; i < perClass; i++) {
            float[] v = new float[width];
            v[5] = 1f;
            for (int d = 0; d < width; d++) {
                v[d] += (float) (random.nextGaussian() * spread);
            }
            x.add(v);
            intents.add(Set.of());
            polarities.add("neutral");
        }
        return new Examples(x.toArray(float[][]::new), intents, polarities);
    }

    @Test
    void shouldChooseRegularizationOnValidationAndSeparateClearClusters() {
        HeadTrainer trainer = new HeadTrainer(new TrainingOptions(new double[] {0.01, 1, 100}, 5, 2, 0), Progress.NONE);

        HeadTrainer.Result result = trainer.trainIntents(clusters(80, 1, 0.3), clusters(40, 2, 0.3),
                List.of("intent0", "intent1", "intent2"), true);

        assertThat(result.scoreByCost()).containsKeys(0.01, 1.0, 100.0);
        assertThat(result.scoreByCost().get(result.head().regularization())).isGreaterThan(0.95);
        float[] p = result.head().apply(clusters(1, 3, 0.05).x()[1]);
        assertThat(p[1]).isGreaterThan(0.8f);
        assertThat(p[0]).isLessThan(0.2f);
    }

    @Test
    void shouldCrossValidateWithoutAValidationSplit() {
        HeadTrainer trainer = new HeadTrainer(new TrainingOptions(new double[] {1, 10}, 4, 1, 0), Progress.NONE);

        HeadTrainer.Result result = trainer.trainReputation(clusters(60, 4, 0.3), null, Polarities.ALL);

        assertThat(result.metric()).isEqualTo("accuracy");
        assertThat(result.head().activation()).isEqualTo(Activation.SOFTMAX);
        float[] p = result.head().apply(clusters(1, 5, 0.05).x()[0]);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(p[0]).isGreaterThan(0.6f);
    }

    @Test
    void shouldBeDeterministicForAGivenSeedWhateverTheThreads() {
        Examples train = clusters(50, 6, 0.5);
        LinearHead one = new HeadTrainer(new TrainingOptions(new double[] {1}, 3, 1, 7), Progress.NONE)
                .trainIntents(train, null, List.of("intent0", "intent1", "intent2"), false).head();
        LinearHead two = new HeadTrainer(new TrainingOptions(new double[] {1}, 3, 3, 7), Progress.NONE)
                .trainIntents(train, null, List.of("intent0", "intent1", "intent2"), false).head();

        assertThat(two.weights()).containsExactly(one.weights());
        assertThat(two.bias()).containsExactly(one.bias());
    }

    @Test
    void shouldTrainASigmoidIntentHeadByDefaultAndASoftmaxHeadWhenAsked() {
        // Given single-label data
        Examples train = clusters(60, 8, 0.3);
        TrainingOptions options = new TrainingOptions(new double[] {1, 10}, 3, 2, 0);

        // When the intent head is trained with the default head choice and with a softmax head
        LinearHead auto = new HeadTrainer(options, Progress.NONE).trainIntents(train, null, INTENTS, true).head();
        LinearHead softmax = new HeadTrainer(options.withIntentHead(IntentHead.SOFTMAX), Progress.NONE)
                .trainIntents(train, null, INTENTS, true).head();

        // Then the default is one sigmoid per intent (Platt), the other one distribution (temperature)
        assertThat(auto.activation()).isEqualTo(Activation.SIGMOID);
        assertThat(auto.calibration().method()).isEqualTo("platt");
        assertThat(softmax.activation()).isEqualTo(Activation.SOFTMAX);
        assertThat(softmax.calibration().method()).isEqualTo("temperature");
    }

    @Test
    void shouldWalkTheCostsFromTheUsualStartUpThenDownWhenTheStartStaysBest() {
        // Given clusters every cost separates perfectly, so no cost scores better than the first one fitted
        Examples train = clusters(40, 15, 0.05);
        TrainingOptions options = new TrainingOptions(new double[] {0.5, 2, 8, 32, 128, 512}, 3, 1, 0);

        // When the intent head is trained on a validation split
        HeadTrainer.Result result = new HeadTrainer(options, Progress.NONE)
                .trainIntents(train, clusters(20, 16, 0.05), INTENTS, true);

        // Then the walk starts at 32, goes up until a cost does no better, then down the same way, tries halfway
        // to the better neighbour, and keeps 32
        assertThat(result.scoreByCost().keySet()).containsExactly(32.0, 128.0, 8.0, 16.0);
        assertThat(result.head().regularization()).isEqualTo(32.0);
    }

    @Test
    void shouldFitFromTheSmallestCostUpAlongTheAscendingPath() {
        // Given clusters every cost separates perfectly
        Examples train = clusters(40, 15, 0.05);
        TrainingOptions options = new TrainingOptions(new double[] {0.5, 2, 8, 32, 128, 512}, 3, 1, 0)
                .withPath(CostPath.ascending());

        // When the intent head is trained along the ascending path
        HeadTrainer.Result result = new HeadTrainer(options, Progress.NONE)
                .trainIntents(train, clusters(20, 16, 0.05), INTENTS, true);

        // Then it starts at the smallest cost and stops two costs past the best, without refinement
        assertThat(result.scoreByCost().keySet()).containsExactly(0.5, 2.0, 8.0);
    }

    @Test
    void shouldStartAWarmStartedWalkAtThePreviousHeadsCost() {
        // Given a head trained at cost 2 alone
        Examples train = clusters(40, 17, 0.05);
        LinearHead previous = new HeadTrainer(new TrainingOptions(new double[] {2}, 3, 1, 0), Progress.NONE)
                .trainIntents(train, null, INTENTS, true).head();

        // When a head is retrained from it over the whole grid
        HeadTrainer.Result result = new HeadTrainer(new TrainingOptions(new double[] {0.5, 2, 8, 32}, 3, 1, 0),
                Progress.NONE).trainIntents(train, clusters(20, 18, 0.05), INTENTS, true, previous);

        // Then the walk starts at the previous head's cost
        assertThat(result.scoreByCost().keySet().iterator().next()).isEqualTo(2.0);
    }

    @Test
    void shouldFitTheSameHeadColumnByColumnAsJointly() {
        // Given noisy multi-label data
        Examples train = clusters(60, 19, 0.6);
        TrainingOptions options = new TrainingOptions(new double[] {4}, 3, 2, 0);

        // When the one-vs-rest head is fitted per column and as one problem
        LinearHead perColumn = new HeadTrainer(options, Progress.NONE).trainIntents(train, null, INTENTS, false)
                .head();
        LinearHead joint = new HeadTrainer(options.withSolver(Solver.LBFGS_JOINT), Progress.NONE)
                .trainIntents(train, null, INTENTS, false).head();

        // Then both give the same probabilities
        assertSameProbabilities(perColumn, joint, train);
    }

    @Test
    void shouldSeparateSeparableClustersAndStayUnsureOnIrrelevantExamples() {
        // Given tight clusters, and irrelevant examples around a fourth centre
        Examples train = clusters(50, 9, 0.05);

        // When a softmax head is trained
        LinearHead head = new HeadTrainer(new TrainingOptions(new double[] {10}, 3, 2, 0), Progress.NONE)
                .trainIntents(train, clusters(20, 10, 0.05), INTENTS, true).head();

        // Then every intent example is classified right, with confidence, and the irrelevant ones get no intent
        for (int i = 0; i < train.size(); i++) {
            float[] p = head.apply(train.x()[i]);
            if (train.intents().get(i).isEmpty()) {
                assertThat(max(p)).isLessThan(0.6f);
            } else {
                int truth = INTENTS.indexOf(train.intents().get(i).iterator().next());
                assertThat(argmax(p)).isEqualTo(truth);
                assertThat(p[truth]).isGreaterThan(0.9f);
            }
        }
    }

    @Test
    void shouldReachTheSameHeadFromAWarmStartAsFromAColdStart() {
        // Given a head trained on part of the data, and the full data
        Examples all = clusters(80, 11, 0.6);
        Examples part = clusters(30, 12, 0.6);
        TrainingOptions options = new TrainingOptions(new double[] {4}, 3, 2, 0);
        HeadTrainer trainer = new HeadTrainer(options, Progress.NONE);
        LinearHead previous = trainer.trainIntents(part, null, INTENTS, true).head();

        // When the full data is trained from it and from scratch
        LinearHead warm = trainer.trainIntents(all, null, INTENTS, true, previous).head();
        LinearHead cold = trainer.trainIntents(all, null, INTENTS, true).head();

        // Then both give the same probabilities
        assertSameProbabilities(warm, cold, all);
    }

    @Test
    void shouldWarmStartFromAHeadWithoutTheNewestIntent() {
        // Given a head that knows two intents, and data with a third one
        Examples all = clusters(60, 13, 0.4);
        List<Integer> twoIntents = java.util.stream.IntStream.range(0, all.size())
                .filter(i -> !all.intents().get(i).contains("intent2")).boxed().toList();
        Examples older = new Examples(twoIntents.stream().map(i -> all.x()[i]).toArray(float[][]::new),
                twoIntents.stream().map(all.intents()::get).toList(),
                twoIntents.stream().map(all.polarities()::get).toList());
        HeadTrainer trainer = new HeadTrainer(new TrainingOptions(new double[] {4}, 3, 1, 0), Progress.NONE);
        LinearHead previous = trainer.trainIntents(older, null, List.of("intent0", "intent1"), true).head();

        // When the three intents are trained from it
        LinearHead warm = trainer.trainIntents(all, null, INTENTS, true, previous).head();

        // Then the new intent is learned and the result is the cold-start head
        assertThat(warm.labels()).containsExactlyElementsOf(INTENTS);
        assertSameProbabilities(warm, trainer.trainIntents(all, null, INTENTS, true).head(), all);
    }

    @Test
    void shouldRefuseAWarmStartFromAHeadWithAnIntentTheNewOneLacks() {
        Examples train = clusters(30, 14, 0.3);
        HeadTrainer trainer = new HeadTrainer(new TrainingOptions(new double[] {4}, 3, 1, 0), Progress.NONE);
        LinearHead previous = trainer.trainIntents(train, null, INTENTS, true).head();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trainer.trainIntents(train, null,
                List.of("intent0", "intent1"), true, previous))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[intent2]");
    }

    private static void assertSameProbabilities(LinearHead a, LinearHead b, Examples on) {
        for (float[] x : on.x()) {
            float[] pa = a.apply(x);
            float[] pb = b.apply(x);
            for (int k = 0; k < pa.length; k++) {
                assertThat(pa[k]).isCloseTo(pb[k], org.assertj.core.data.Offset.offset(2e-3f));
            }
        }
    }

    private static float max(float[] p) {
        return p[argmax(p)];
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
