package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CurvaturePairsTest {

    @Test
    void shouldKeepEveryPairWhenAStepWithoutPositiveCurvatureIsRefused() {
        // Given a full history of steps on a quadratic with curvatures 1 .. 4
        Random random = new Random(3);
        int dimension = 4;
        CurvaturePairs pairs = new CurvaturePairs(3, dimension);
        double[] x = new double[dimension];
        for (int step = 0; step < 3; step++) {
            double[] next = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                next[i] = x[i] + random.nextGaussian();
            }
            pairs.add(x, next, gradient(x), gradient(next));
            x = next;
        }
        double[] g = gradient(x);
        double[] before = new double[dimension];
        pairs.direction(g, before);

        // When a step whose gradient change points against it (no positive curvature) is offered
        double[] away = new double[dimension];
        double[] gAway = new double[dimension];
        for (int i = 0; i < dimension; i++) {
            away[i] = x[i] + 1;
            gAway[i] = g[i] - 1;
        }
        pairs.add(x, away, g, gAway);

        // Then it is not kept, and the pairs kept give the same direction as before
        double[] after = new double[dimension];
        pairs.direction(g, after);
        assertThat(after).containsExactly(before);
    }

    private static double[] gradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = (i + 1) * x[i];
        }
        return g;
    }
}
