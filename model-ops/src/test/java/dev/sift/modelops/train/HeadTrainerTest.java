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

        assertThat(result.scoreByCost()).containsOnlyKeys(0.01, 1.0, 100.0);
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
        assertThat(result.head().activation()).isEqualTo("softmax");
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
}
