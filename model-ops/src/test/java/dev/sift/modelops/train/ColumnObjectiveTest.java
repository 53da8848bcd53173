package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ColumnObjectiveTest {

    private static final int N = 1_300;
    private static final int WIDTH = 6;
    private static final int LABELS = 4;

    private static double[][] points(Random random) {
        double[][] points = new double[LABELS][WIDTH + 1];
        for (double[] p : points) {
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextGaussian() * 0.5;
            }
        }
        return points;
    }

    private static double[] flatten(double[][] columns) {
        double[] theta = new double[WIDTH * LABELS + LABELS];
        for (int j = 0; j < LABELS; j++) {
            for (int d = 0; d < WIDTH; d++) {
                theta[d * LABELS + j] = columns[j][d];
            }
            theta[WIDTH * LABELS + j] = columns[j][WIDTH];
        }
        return theta;
    }

    @Test
    void shouldSplitTheOneVsRestObjectiveIntoItsColumns() {
        // Given a problem over more than one chunk, and a point
        Random random = new Random(21);
        float[][] rows = LogisticObjectiveTest.rows(N, WIDTH, random);
        int[][] positives = LogisticObjectiveTest.positives(N);
        double[][] points = points(random);

        // When every column is evaluated on its own, and the whole head as one one-vs-rest objective
        double[] values = new double[LABELS];
        double[][] gradients = new double[LABELS][WIDTH + 1];
        new ColumnObjective(new DataPass(rows, null), positives, LABELS, 0.7)
                .evaluate(new int[] {0, 1, 2, 3}, points, values, gradients);
        double[] theta = flatten(points);
        double[] gradient = new double[theta.length];
        double value = new LogisticObjective(rows, positives, Loss.ONE_VS_REST, LABELS, 0.7, null)
                .evaluate(theta, gradient);

        // Then the columns' values add up to the head's, and their gradients are its gradient's columns
        assertThat(values[0] + values[1] + values[2] + values[3]).isCloseTo(value, Offset.offset(1e-9));
        double[] joined = flatten(gradients);
        for (int i = 0; i < gradient.length; i++) {
            assertThat(joined[i]).as("gradient[%d]", i).isCloseTo(gradient[i], Offset.offset(1e-9));
        }
    }

    @Test
    void shouldComputeAColumnTheSameAloneAsWithOthersWhateverTheThreads() {
        // Given a problem and a point
        Random random = new Random(22);
        float[][] rows = LogisticObjectiveTest.rows(N, WIDTH, random);
        int[][] positives = LogisticObjectiveTest.positives(N);
        double[][] points = points(random);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            // When column 2 is evaluated with all others on one thread, and alone on three
            double[] values = new double[LABELS];
            double[][] gradients = new double[LABELS][WIDTH + 1];
            new ColumnObjective(new DataPass(rows, null), positives, LABELS, 2)
                    .evaluate(new int[] {0, 1, 2, 3}, points, values, gradients);
            double[] alone = new double[1];
            double[][] aloneGradient = new double[1][WIDTH + 1];
            new ColumnObjective(new DataPass(rows, pool), positives, LABELS, 2)
                    .evaluate(new int[] {2}, new double[][] {points[2]}, alone, aloneGradient);

            // Then its value and gradient are the same bits: a converged column leaving the passes changes nothing
            assertThat(alone[0]).isEqualTo(values[2]);
            assertThat(aloneGradient[0]).containsExactly(gradients[2]);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldMatchFiniteDifferences() {
        // Given one column's objective at a random point
        Random random = new Random(23);
        ColumnObjective objective = new ColumnObjective(new DataPass(LogisticObjectiveTest.rows(N, WIDTH, random),
                null), LogisticObjectiveTest.positives(N), LABELS, 0.7);
        double[] point = points(random)[1];
        double[] value = new double[1];
        double[][] gradient = new double[1][WIDTH + 1];
        objective.evaluate(new int[] {1}, new double[][] {point}, value, gradient);

        // When each coordinate is moved both ways, then the analytic gradient agrees with central differences
        double h = 1e-3;
        double[] up = new double[1];
        double[] down = new double[1];
        double[][] ignored = new double[1][WIDTH + 1];
        for (int i = 0; i < point.length; i++) {
            double saved = point[i];
            point[i] = saved + h;
            objective.evaluate(new int[] {1}, new double[][] {point}, up, ignored);
            point[i] = saved - h;
            objective.evaluate(new int[] {1}, new double[][] {point}, down, ignored);
            point[i] = saved;
            assertThat(gradient[0][i]).as("d/dpoint[%d]", i).isCloseTo((up[0] - down[0]) / (2 * h),
                    Offset.offset(2e-4 + 2e-3 * Math.abs(gradient[0][i])));
        }
    }
}
