package dev.sift.modelops.optimize;

import java.util.Map;

/**
 * What a model's activations look like on real traffic: per-channel statistics of every feed-forward intermediate
 * and the value range of every weight MatMul's input.
 *
 * @param texts calibration snippets profiled
 * @param tokens tokens (not padding) the statistics cover
 * @param intermediates per feed-forward block (keyed by its first weight's name)
 * @param matmulInputs per MatMul input tensor
 */
public record ActivationProfile(int texts, long tokens, Map<String, ChannelStats> intermediates,
        Map<String, Range> matmulInputs) {

    /**
     * Per-channel statistics over tokens.
     *
     * @param mean mean activation per channel
     * @param variance variance per channel
     * @param meanAbs mean absolute activation per channel
     * @param maxAbs largest absolute activation per channel
     */
    public record ChannelStats(double[] mean, double[] variance, double[] meanAbs, double[] maxAbs) {

        /** @return number of channels */
        public int channels() {
            return mean.length;
        }
    }

    /**
     * The range of a tensor's values.
     *
     * @param min smallest value seen
     * @param max largest value seen
     * @param p999Abs 99.9th percentile of the absolute values (outliers make INT8 coarse)
     * @param channelMaxAbs largest absolute value per channel (last dimension): where the outliers live
     */
    public record Range(double min, double max, double p999Abs, double[] channelMaxAbs) {

        /** @return how far the extreme lies beyond the bulk: large means INT8 steps are coarse for most values */
        public double outlierRatio() {
            return Math.max(Math.abs(min), Math.abs(max)) / Math.max(1e-12, p999Abs);
        }
    }
}
