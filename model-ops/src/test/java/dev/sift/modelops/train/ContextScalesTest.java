package dev.sift.modelops.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The scales a context-aware head's reliance on the context is chosen from. */
class ContextScalesTest {

    @Test
    void shouldTryTheTurnAloneUpToThePlainConcatenatedHeadByDefault() {
        // Given the default scales
        ContextScales scales = ContextScales.defaults();

        // Then they run from 0 (context ignored) to 1 (the plain head), smallest first
        assertThat(scales.scales()).containsExactly(0, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2, 1);
        assertThat(scales.single()).isFalse();
        assertThat(scales.margin()).isPositive();
    }

    @Test
    void shouldSortScalesAndDropDuplicates() {
        // When scales are given out of order, one twice
        ContextScales scales = new ContextScales(new double[] {1, 0, 0.5, 1}, 0);

        // Then they are kept smallest first, once each
        assertThat(scales.scales()).containsExactly(0, 0.5, 1);
        assertThat(ContextScales.fixed(0.25).scales()).containsExactly(0.25);
        assertThat(ContextScales.fixed(0.25).single()).isTrue();
    }

    @Test
    void shouldRefuseNegativeOrInfiniteScalesAndMarginsOutsideTheScore() {
        assertThatThrownBy(() -> new ContextScales(new double[] {-0.5}, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> new ContextScales(new double[] {Double.POSITIVE_INFINITY}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContextScales(new double[] {Double.NaN}, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContextScales(new double[0], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContextScales(new double[] {1}, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContextScales(new double[] {1}, -0.1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
