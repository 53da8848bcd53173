package dev.sift.modelops.optimize;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.sift.modelops.onnx.EncoderStructure;
import dev.sift.modelops.onnx.FeedForwardBlock;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Tensors;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Structured pruning of feed-forward intermediate channels, without retraining.
 *
 * <p>A channel's importance is the variance of its activation on real traffic times the squared norm of its row in
 * the second weight: how much the block output moves when the channel is replaced by its mean. Channels are ranked
 * across all blocks; the least important go, down to a ratio or until the weights fit a memory budget, keeping a
 * floor per block. Each dropped channel's mean contribution ({@code mean_c · W2[c,:]}) is folded into the output
 * bias, so on average the block output is unchanged. Removing a channel removes a column of {@code W1}, an entry of
 * {@code b1} and a row of {@code W2}: the graph gets smaller and faster, not just sparser.
 */
public final class FfnPruner {

    private static final double MIN_KEPT_PER_BLOCK = 0.25;

    private FfnPruner() {
    }

    /**
     * What was pruned.
     *
     * @param keptByBlock channels kept per block (keyed by the block's first weight name)
     * @param totalByBlock channels each block had
     * @param removedBytes FP32 weight bytes removed
     */
    public record Result(Map<String, Integer> keptByBlock, Map<String, Integer> totalByBlock, long removedBytes) {

        /** @return share of intermediate channels removed */
        public double ratio() {
            int total = totalByBlock.values().stream().mapToInt(Integer::intValue).sum();
            int kept = keptByBlock.values().stream().mapToInt(Integer::intValue).sum();
            return total == 0 ? 0 : 1.0 - (double) kept / total;
        }
    }

    /**
     * Prunes a share of all intermediate channels.
     *
     * @param graph the graph, modified in place
     * @param profile activation statistics of that graph
     * @param ratio share of channels to remove, in [0, 0.75]
     * @return what was removed
     */
    public static Result pruneRatio(OnnxGraph graph, ActivationProfile profile, double ratio) {
        if (ratio < 0 || ratio > 1 - MIN_KEPT_PER_BLOCK) {
            throw new IllegalArgumentException("pruning ratio must be in [0, " + (1 - MIN_KEPT_PER_BLOCK) + "], got "
                    + ratio);
        }
        List<FeedForwardBlock> blocks = new EncoderStructure(graph).feedForwardBlocks();
        int total = blocks.stream().mapToInt(FeedForwardBlock::channels).sum();
        return prune(graph, profile, blocks, (int) Math.round(ratio * total));
    }

    /**
     * Prunes until the feed-forward weights shrink by at least the given bytes (FP32).
     *
     * @param graph the graph, modified in place
     * @param profile activation statistics of that graph
     * @param bytesToFree FP32 bytes the weights must lose
     * @return what was removed
     */
    public static Result pruneBytes(OnnxGraph graph, ActivationProfile profile, long bytesToFree) {
        List<FeedForwardBlock> blocks = new EncoderStructure(graph).feedForwardBlocks();
        if (blocks.isEmpty()) {
            return new Result(Map.of(), Map.of(), 0);
        }
        long perChannel = bytesPerChannel(blocks.get(0));
        return prune(graph, profile, blocks, (int) Math.ceil((double) bytesToFree / perChannel));
    }

    private static Result prune(OnnxGraph graph, ActivationProfile profile, List<FeedForwardBlock> blocks,
            int toRemove) {
        record Channel(FeedForwardBlock block, int index, double importance) {
        }
        List<Channel> ranked = new ArrayList<>();
        Map<String, Integer> total = new LinkedHashMap<>();
        for (FeedForwardBlock block : blocks) {
            ActivationProfile.ChannelStats stats = profile.intermediates().get(block.upWeight());
            if (stats == null) {
                throw new IllegalArgumentException("the profile has no statistics for block " + block.upWeight()
                        + ": profile the same graph you prune");
            }
            float[] w2 = Tensors.toFloats(block.down().matmul().weight());
            int channels = stats.channels();
            int hidden = w2.length / channels;
            total.put(block.upWeight(), channels);
            double[] importance = new double[channels];
            for (int c = 0; c < channels; c++) {
                double norm = 0;
                for (int h = 0; h < hidden; h++) {
                    norm += (double) w2[c * hidden + h] * w2[c * hidden + h];
                }
                importance[c] = stats.variance()[c] * norm;
            }
            // Raw, not per block: every block adds into the same residual stream, so the scores compare.
            for (int c = 0; c < channels; c++) {
                ranked.add(new Channel(block, c, importance[c]));
            }
        }
        ranked.sort(Comparator.comparingDouble(Channel::importance));
        Map<String, boolean[]> drop = new LinkedHashMap<>();
        Map<String, Integer> dropped = new LinkedHashMap<>();
        blocks.forEach(b -> drop.put(b.upWeight(), new boolean[total.get(b.upWeight())]));
        int removed = 0;
        for (Channel channel : ranked) {
            if (removed >= toRemove) {
                break;
            }
            String key = channel.block().upWeight();
            int already = dropped.getOrDefault(key, 0);
            if (already + 1 > (1 - MIN_KEPT_PER_BLOCK) * total.get(key)) {
                continue;
            }
            drop.get(key)[channel.index()] = true;
            dropped.merge(key, 1, Integer::sum);
            removed++;
        }
        long removedBytes = 0;
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (FeedForwardBlock block : blocks) {
            boolean[] d = drop.get(block.upWeight());
            removedBytes += rewrite(graph, block, d, profile.intermediates().get(block.upWeight()));
            kept.put(block.upWeight(), total.get(block.upWeight()) - dropped.getOrDefault(block.upWeight(), 0));
        }
        graph.clearValueInfo();
        graph.checkOrThrow("pruning");
        return new Result(kept, total, removedBytes);
    }

    /** Removes the dropped channels of one block and folds their mean contribution into the output bias. */
    private static long rewrite(OnnxGraph graph, FeedForwardBlock block, boolean[] drop,
            ActivationProfile.ChannelStats stats) {
        Map<String, TensorProto> init = graph.initializers();
        int channels = drop.length;
        int keep = 0;
        for (boolean d : drop) {
            keep += d ? 0 : 1;
        }
        if (keep == channels) {
            return 0;
        }
        float[] w1 = Tensors.toFloats(init.get(block.upWeight()));
        int hidden = w1.length / channels;
        float[] w2 = Tensors.toFloats(init.get(block.downWeight()));
        int out = w2.length / channels;
        float[] newW1 = new float[hidden * keep];
        float[] newW2 = new float[keep * out];
        float[] b2 = block.downBias() != null ? Tensors.toFloats(init.get(block.downBias())) : new float[out];
        float[] b1 = block.upBias() != null ? Tensors.toFloats(init.get(block.upBias())) : null;
        float[] newB1 = b1 == null ? null : new float[keep];
        int k = 0;
        for (int c = 0; c < channels; c++) {
            if (drop[c]) {
                for (int o = 0; o < out; o++) {
                    b2[o] += (float) (stats.mean()[c] * w2[c * out + o]);
                }
                continue;
            }
            for (int h = 0; h < hidden; h++) {
                newW1[h * keep + k] = w1[h * channels + c];
            }
            System.arraycopy(w2, c * out, newW2, k * out, out);
            if (newB1 != null) {
                newB1[k] = b1[c];
            }
            k++;
        }
        graph.putInitializer(Tensors.floats(block.upWeight(), new long[] {hidden, keep}, newW1));
        graph.putInitializer(Tensors.floats(block.downWeight(), new long[] {keep, out}, newW2));
        if (newB1 != null) {
            graph.putInitializer(Tensors.floats(block.upBias(), new long[] {keep}, newB1));
        }
        if (block.downBias() != null) {
            graph.putInitializer(Tensors.floats(block.downBias(), new long[] {out}, b2));
        } else {
            throw new IllegalArgumentException("block " + block.down().matmul().name()
                    + " has no output bias to fold into");
        }
        return (long) (channels - keep) * (hidden + out + (b1 == null ? 0 : 1)) * Float.BYTES;
    }

    /** FP32 bytes one intermediate channel holds: a column of {@code W1}, a row of {@code W2}, an entry of b1. */
    private static long bytesPerChannel(FeedForwardBlock block) {
        return (block.up().matmul().weight().getDims(0) + block.down().matmul().weight().getDims(1) + 1)
                * Float.BYTES;
    }
}
