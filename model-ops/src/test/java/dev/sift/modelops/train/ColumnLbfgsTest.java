package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ColumnLbfgsTest {

    /** Column c: sum_i a_c,i (x_i - c)^2 with curvatures a spread over four orders of magnitude. */
    private static final class Bowls implements ColumnLbfgs.Objective {
        private final double[][] curvature;
        private long evaluatedColumns;

        Bowls(int columns, int dimension) {
            curvature = new double[columns][dimension];
            for (int c = 0; c < columns; c++) {
                for (int i = 0; i < dimension; i++) {
                    curvature[c][i] = Math.pow(10, (c + i) % 5 - 2);
                }
            }
        }

        @Override
        public void evaluate(int[] columns, double[][] points, double[] values, double[][] gradients) {
            for (int k = 0; k < columns.length; k++) {
                int c = columns[k];
                double value = 0;
                for (int i = 0; i < points[k].length; i++) {
                    double delta = points[k][i] - c;
                    value += curvature[c][i] * delta * delta;
                    gradients[k][i] = 2 * curvature[c][i] * delta;
                }
                values[k] = value;
            }
            evaluatedColumns += columns.length;
        }
    }

    @Test
    void shouldMinimizeEachColumnAndLetConvergedColumnsLeaveThePasses() {
        // Given independent badly scaled bowls, the first already at its minimum
        Bowls bowls = new Bowls(6, 5);
        double[][] x = new double[6][5];

        // When all are minimized together
        ColumnLbfgs.Outcome outcome = ColumnLbfgs.minimize(bowls, x, new Lbfgs.Stop(500, 1e-10, 0));

        // Then every column reaches its own minimum, and columns that finished early were not evaluated again
        for (int c = 0; c < x.length; c++) {
            for (double v : x[c]) {
                assertThat(v).isCloseTo(c, Offset.offset(1e-6));
            }
        }
        assertThat(outcome.columnPasses()).isEqualTo(bowls.evaluatedColumns);
        assertThat(outcome.columnPasses()).isLessThan((long) outcome.passes() * x.length);
    }
}
