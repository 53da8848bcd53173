package dev.sift.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedCpuResultTest {

    private static final PipelineVariant BASE = new PipelineVariant("base", Path.of("b"), 16, 2, 1, "baseline");
    private static final PipelineVariant CANDIDATE = new PipelineVariant("cand", Path.of("c"), 16, 2, 1, "candidate");

    @Test
    void shouldCompareEachRoundWithTheOtherGatewaysRoundOfTheSamePair() {
        // Given three pairs on a machine that slows down by half from the second pair on
        List<PairedCpuResult.Round> rounds = List.of(
                new PairedCpuResult.Round("base", 1, 1000, 2.0, 500),
                new PairedCpuResult.Round("cand", 1, 1000, 2.2, 450),
                new PairedCpuResult.Round("cand", 2, 1000, 3.3, 300),
                new PairedCpuResult.Round("base", 2, 1000, 3.0, 330),
                new PairedCpuResult.Round("base", 3, 2000, 6.0, 330),
                new PairedCpuResult.Round("cand", 3, 2000, 6.3, 310));

        // When the comparison is read
        PairedCpuResult result = new PairedCpuResult(BASE, CANDIDATE, rounds);

        // Then every pair gives its own ratio, and the median ratio is not moved by the slowdown
        assertThat(result.pairs()).isEqualTo(3);
        assertThat(result.ratios().stream().mapToDouble(Double::doubleValue).toArray())
                .containsExactly(new double[] {1.1, 1.1, 1.05}, offset(1e-9));
        assertThat(result.medianRatio()).isCloseTo(1.1, offset(1e-9));
        assertThat(result.medianMillisPerSnippet("base")).isCloseTo(3.0, offset(1e-9));
        assertThat(rounds.get(0).cpuMillisPerSnippet()).isCloseTo(2.0, offset(1e-9));
    }

    @Test
    void shouldRefuseAPairWithOnlyOneRound() {
        // Given a comparison whose second pair never ran its candidate round
        List<PairedCpuResult.Round> rounds = List.of(
                new PairedCpuResult.Round("base", 1, 1000, 2.0, 500),
                new PairedCpuResult.Round("cand", 1, 1000, 2.2, 450),
                new PairedCpuResult.Round("base", 2, 1000, 2.0, 500));

        // Then it is refused rather than reported on a missing figure
        assertThatThrownBy(() -> new PairedCpuResult(BASE, CANDIDATE, rounds))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole pairs");
    }
}
