package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void shouldRecoverPlattScalingFromLabelsDrawnWithIt() {
        // Given labels drawn from sigmoid(2z - 1)
        Random random = new Random(3);
        int n = 20_000;
        double[][] logits = new double[n][1];
        boolean[][] truth = new boolean[1][n];
        for (int i = 0; i < n; i++) {
            logits[i][0] = random.nextGaussian() * 2;
            truth[0][i] = random.nextDouble() < 1 / (1 + Math.exp(-(2 * logits[i][0] - 1)));
        }

        Calibration.Platt platt = Calibration.platt(logits, truth);

        assertThat(platt.scale()).isCloseTo(2.0, offset(0.15));
        assertThat(platt.offset()).isCloseTo(-1.0, offset(0.15));
    }

    @Test
    void shouldRecoverASoftmaxTemperature() {
        Random random = new Random(4);
        int n = 20_000;
        double[][] logits = new double[n][3];
        int[] truth = new int[n];
        for (int i = 0; i < n; i++) {
            double[] p = new double[3];
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                logits[i][k] = random.nextGaussian() * 3;
                p[k] = Math.exp(logits[i][k] / 2.5);
                sum += p[k];
            }
            double u = random.nextDouble() * sum;
            truth[i] = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
        }

        assertThat(Calibration.temperature(logits, truth)).isCloseTo(2.5, offset(0.15));
    }
}
