package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class LogisticObjectiveTest {

    /** Random rows; examples with one intent, two intents and none (the irrelevant ones). */
    static float[][] rows(int n, int width, Random random) {
        float[][] x = new float[n][width];
        for (float[] row : x) {
            for (int d = 0; d < width; d++) {
                row[d] = (float) random.nextGaussian();
            }
        }
        return x;
    }

    static int[][] positives(int n) {
        int[][] p = new int[n][];
        for (int i = 0; i < n; i++) {
            p[i] = i % 5 == 0 ? new int[0] : i % 7 == 0 ? new int[] {0, 2} : new int[] {i % 4};
        }
        return p;
    }

    private static void assertGradientMatchesFiniteDifferences(Loss loss) {
        // Given a small problem (more examples than one chunk) and a random point
        Random random = new Random(11);
        int n = 1_100;
        int width = 6;
        int labels = 4;
        LogisticObjective objective = new LogisticObjective(rows(n, width, random), positives(n), loss, labels,
                0.7, null);
        double[] theta = new double[objective.dimension()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian() * 0.5;
        }

        // When the analytic gradient is compared with central differences
        double[] gradient = new double[theta.length];
        objective.evaluate(theta, gradient);
        double[] ignored = new double[theta.length];
        double h = 1e-3;
        for (int i = 0; i < theta.length; i++) {
            double saved = theta[i];
            theta[i] = saved + h;
            double up = objective.evaluate(theta, ignored);
            theta[i] = saved - h;
            double down = objective.evaluate(theta, ignored);
            theta[i] = saved;

            // Then they agree (the scores are computed in float: a loose tolerance)
            assertThat(gradient[i]).as("d/dtheta[%d]", i).isCloseTo((up - down) / (2 * h),
                    org.assertj.core.data.Offset.offset(2e-4 + 2e-3 * Math.abs(gradient[i])));
        }
    }

    @Test
    void shouldComputeTheSoftmaxGradient() {
        assertGradientMatchesFiniteDifferences(Loss.MULTINOMIAL);
    }

    @Test
    void shouldComputeTheSigmoidGradient() {
        assertGradientMatchesFiniteDifferences(Loss.ONE_VS_REST);
    }

    @Test
    void shouldGiveTheSameBitsWhateverTheThreads() {
        // Given the same problem evaluated on one thread and on three
        Random random = new Random(12);
        float[][] x = rows(2_000, 8, random);
        double[] theta = new double[8 * 4 + 4];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextGaussian();
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            double[] one = new double[theta.length];
            double[] three = new double[theta.length];

            // When both evaluate
            double v1 = new LogisticObjective(x, positives(2_000), Loss.MULTINOMIAL, 4, 2, null).evaluate(theta, one);
            double v3 = new LogisticObjective(x, positives(2_000), Loss.MULTINOMIAL, 4, 2, pool).evaluate(theta, three);

            // Then value and gradient are identical
            assertThat(v3).isEqualTo(v1);
            assertThat(three).containsExactly(one);
        } finally {
            pool.shutdownNow();
        }
    }
}
