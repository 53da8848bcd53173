package dev.sift.benchmarks.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.DoubleStream;

/**
 * What one variant achieved.
 *
 * @param variant the variant
 * @param rounds the saturation rounds, each with the classifier alone measured right after it
 * @param latencyAtLoad decision latency (sent to decided) percentiles in ms, by load in percent of saturation
 * @param peakRssMb highest resident set size of the gateway process while loaded
 * @param modelLoadMillis time the gateway took to load, check and warm its model at start
 */
public record PipelineResult(PipelineVariant variant, List<Round> rounds, Map<Integer, Percentiles> latencyAtLoad,
        double peakRssMb, long modelLoadMillis) {

    /** Checks there is a round to report. */
    public PipelineResult {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("a result needs at least one saturation round");
        }
        rounds = List.copyOf(rounds);
    }

    /** @return median decisions per second with a backlog (end to end, through the broker) */
    @JsonProperty
    public double saturationPerSecond() {
        return median(rounds.stream().mapToDouble(Round::endToEnd));
    }

    /** @return median snippets per second of the classifier alone: same model, threads and batch size, no Kafka */
    @JsonProperty
    public double classifierOnlyPerSecond() {
        return median(rounds.stream().mapToDouble(Round::classifierOnly));
    }

    /** @return end-to-end throughput as a share of the classifier alone: the median of the rounds' ratios */
    @JsonProperty
    public double pipelineEfficiency() {
        return median(rounds.stream().mapToDouble(r -> r.endToEnd() / r.classifierOnly()));
    }

    /** @return where the CPU went during the saturation rounds (median of each share), or null without /proc */
    @JsonProperty
    public CpuShares cpuAtSaturation() {
        List<CpuShares> shares = rounds.stream().map(Round::cpu).filter(Objects::nonNull).toList();
        if (shares.isEmpty()) {
            return null;
        }
        return new CpuShares(median(shares.stream().mapToDouble(CpuShares::gateway)),
                median(shares.stream().mapToDouble(CpuShares::broker)),
                median(shares.stream().mapToDouble(CpuShares::benchmark)),
                median(shares.stream().mapToDouble(CpuShares::other)),
                median(shares.stream().mapToDouble(CpuShares::stolen)),
                median(shares.stream().mapToDouble(CpuShares::idle)));
    }

    /**
     * @param values figures
     * @return their median (the mean of the middle two for an even count)
     */
    static double median(DoubleStream values) {
        double[] sorted = values.sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * One saturation round.
     *
     * @param endToEnd decisions per second through the gateway with a backlog
     * @param classifierOnly snippets per second of the classifier alone, measured seconds later
     * @param cpu where the CPU went while the backlog was sent and decided, or null without /proc
     */
    public record Round(double endToEnd, double classifierOnly, CpuShares cpu) {
    }

    /**
     * Latency percentiles of one load level.
     *
     * @param offeredPerSecond snippets sent per second
     * @param p50 median, ms
     * @param p95 95th percentile, ms
     * @param p99 99th percentile, ms
     * @param samples decisions measured
     */
    public record Percentiles(double offeredPerSecond, long p50, long p95, long p99, int samples) {

        /**
         * @param offeredPerSecond snippets sent per second
         * @param sortedMillis latencies, sorted ascending
         * @return nearest-rank percentiles
         */
        static Percentiles of(double offeredPerSecond, long[] sortedMillis) {
            return new Percentiles(offeredPerSecond, rank(sortedMillis, 0.50), rank(sortedMillis, 0.95),
                    rank(sortedMillis, 0.99), sortedMillis.length);
        }

        private static long rank(long[] sorted, double q) {
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }
}
