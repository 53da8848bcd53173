package dev.sift.benchmarks.pipeline;

import java.util.Map;

/**
 * What one variant achieved.
 *
 * @param variant the variant
 * @param saturationPerSecond decisions per second with a backlog (end to end, through the broker)
 * @param latencyAtLoad decision latency (sent to decided) percentiles in ms, by load in percent of saturation
 * @param peakRssMb highest resident set size of the gateway process while loaded
 * @param modelLoadMillis time the gateway took to load, check and warm its model at start
 * @param classifierOnlyPerSecond the classifier alone, same model, threads and batch size, no Kafka
 */
public record PipelineResult(PipelineVariant variant, double saturationPerSecond,
        Map<Integer, Percentiles> latencyAtLoad, double peakRssMb, long modelLoadMillis,
        double classifierOnlyPerSecond) {

    /** @return end-to-end throughput as a share of the classifier alone */
    public double pipelineEfficiency() {
        return saturationPerSecond / classifierOnlyPerSecond;
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
