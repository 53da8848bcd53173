package dev.sift.benchmarks.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a paired CPU comparison measured: the gateway CPU each variant spent per decided snippet, in saturation rounds
 * that alternate between the two gateways, and the ratio of the two in each pair of adjacent rounds.
 *
 * @param baseline the variant compared against
 * @param candidate the variant whose extra cost is measured
 * @param rounds every round, in the order run
 */
public record PairedCpuResult(PipelineVariant baseline, PipelineVariant candidate, List<Round> rounds) {

    /** Copies the rounds and checks that every pair is whole. */
    public PairedCpuResult {
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty() || pairsOf(rounds) * 2 != rounds.size()) {
            throw new IllegalArgumentException("a paired comparison needs whole pairs of rounds, got " + rounds.size());
        }
    }

    /**
     * One saturation round of one gateway.
     *
     * @param variant the variant's name
     * @param pair which pair of rounds it belongs to, from 1
     * @param snippets snippets sent as one backlog and all decided
     * @param cpuSeconds CPU time the gateway process spent from the first sent to the last decided (every thread:
     *     stream threads, producers, RocksDB, the JVM)
     * @param perSecond decisions per second while every stream thread had a backlog
     */
    public record Round(String variant, int pair, int snippets, double cpuSeconds, double perSecond) {

        /** @return CPU milliseconds per snippet */
        @JsonProperty
        public double cpuMillisPerSnippet() {
            return 1000 * cpuSeconds / snippets;
        }
    }

    /** @return how many pairs of rounds ran */
    @JsonProperty
    public int pairs() {
        return pairsOf(rounds);
    }

    /** @return each pair's candidate CPU per snippet over the baseline's, in pair order */
    @JsonProperty
    public List<Double> ratios() {
        return java.util.stream.IntStream.rangeClosed(1, pairs())
                .mapToObj(p -> of(candidate.name(), p).cpuMillisPerSnippet() / of(baseline.name(), p)
                        .cpuMillisPerSnippet())
                .toList();
    }

    /** @return the median of the pairs' ratios: what the candidate costs per snippet relative to the baseline */
    @JsonProperty
    public double medianRatio() {
        return PipelineResult.median(ratios().stream().mapToDouble(Double::doubleValue));
    }

    /**
     * @param variant a variant's name
     * @return the median of its rounds' CPU milliseconds per snippet
     */
    public double medianMillisPerSnippet(String variant) {
        return PipelineResult.median(rounds.stream().filter(r -> r.variant().equals(variant))
                .mapToDouble(Round::cpuMillisPerSnippet));
    }

    /**
     * @param variant a variant's name
     * @return the median of its rounds' decisions per second
     */
    public double medianPerSecond(String variant) {
        return PipelineResult.median(rounds.stream().filter(r -> r.variant().equals(variant))
                .mapToDouble(Round::perSecond));
    }

    private Round of(String variant, int pair) {
        return rounds.stream().filter(r -> r.pair() == pair && r.variant().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no round of " + variant + " in pair " + pair));
    }

    private static int pairsOf(List<Round> rounds) {
        return rounds.stream().mapToInt(Round::pair).max().orElse(0);
    }
}
