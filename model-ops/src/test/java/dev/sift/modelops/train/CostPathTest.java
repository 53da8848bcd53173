package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CostPathTest {

    private static final double[] GRID = {0.5, 2, 8, 32, 128, 512};

    @Test
    void shouldStartAtTheGridsCostNearestTheStartOrThePreferredCost() {
        assertThat(CostPath.defaults().startIndex(GRID, Double.NaN)).isEqualTo(3);
        assertThat(new CostPath(100, true, true, 1).startIndex(GRID, Double.NaN)).isEqualTo(4);
        assertThat(CostPath.defaults().startIndex(GRID, 5)).isEqualTo(2);
        assertThat(CostPath.defaults().startIndex(GRID, 10_000)).isEqualTo(5);
        assertThat(CostPath.ascending().startIndex(GRID, Double.NaN)).isZero();
    }

    @Test
    void shouldRefuseAWalkThatStopsBeforeAnyCostPastTheBest() {
        assertThatThrownBy(() -> new CostPath(32, true, true, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldExtrapolateSolutionsLinearlyInTheLogarithmOfTheCost() {
        // Given solutions at costs 2 and 8
        LinearModel at2 = new LinearModel(1, 2, new double[] {1, -1}, new double[] {0, 2});
        LinearModel at8 = new LinearModel(1, 2, new double[] {2, -3}, new double[] {1, 2});

        // When continued to 32 (one more step of the same ratio) and to 16 (half a step)
        LinearModel at32 = LinearModel.extrapolate(at2, 2, at8, 8, 32);
        LinearModel at16 = LinearModel.extrapolate(at2, 2, at8, 8, 16);

        // Then they lie on the line
        assertThat(at32.weights()).containsExactly(3, -5);
        assertThat(at32.bias()).containsExactly(2, 2);
        assertThat(at16.weights()[0]).isCloseTo(2.5, Offset.offset(1e-12));
    }
}
