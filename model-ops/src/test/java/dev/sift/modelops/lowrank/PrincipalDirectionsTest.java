package dev.sift.modelops.lowrank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PrincipalDirectionsTest {

    @Test
    void shouldFindTheTablesDirectionsStrongestFirst() {
        // Given 4 rows of width 3 that lie in the plane z = 0, spread 3 times wider along x than along y
        float[] table = {3, 1, 0, -3, 1, 0, 3, -1, 0, -3, -1, 0};

        // When its directions are found
        PrincipalDirections directions = PrincipalDirections.of(table, 4, 3);

        // Then x comes first with energy 36, y second with 4, z last with none
        assertThat(directions.energies()).containsExactly(new double[] {36, 4, 0}, within(1e-9));
        assertThat(Math.abs(directions.vectors()[0][0])).isCloseTo(1, within(1e-9));
        assertThat(Math.abs(directions.vectors()[1][1])).isCloseTo(1, within(1e-9));
        // And the residual of each rank is the energy it leaves out
        assertThat(directions.residualShare(1)).isCloseTo(0.1, within(1e-9));
        assertThat(directions.residualShare(2)).isCloseTo(0, within(1e-9));
        assertThat(directions.residualShare(3)).isZero();
    }

    @Test
    void shouldRefuseATableWhoseValuesDoNotFillItsShape() {
        assertThatThrownBy(() -> PrincipalDirections.of(new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 x 3");
    }
}
