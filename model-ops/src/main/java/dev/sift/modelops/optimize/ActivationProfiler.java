package dev.sift.modelops.optimize;

import ai.onnxruntime.OrtException;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.onnx.OnnxModel.FloatTensor;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.classifier.tokenize.TokenizedText;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.onnx.EncoderStructure;
import dev.sift.modelops.onnx.FeedForwardBlock;
import dev.sift.modelops.onnx.OnnxGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs calibration snippets through a copy of the graph that also outputs every feed-forward intermediate and every
 * weight MatMul's input, and accumulates their statistics over real tokens (padding excluded).
 */
public final class ActivationProfiler {

    private static final int BATCH = 16;
    private static final int SAMPLE_PER_TENSOR = 200_000;

    private ActivationProfiler() {
    }

    /**
     * Profiles a graph.
     *
     * @param graph an FP32 graph (not modified)
     * @param tokenizer its tokenizer
     * @param texts calibration snippets
     * @param progress progress reporting
     * @return the profile
     */
    public static ActivationProfile profile(OnnxGraph graph, SnippetTokenizer tokenizer, List<String> texts,
            Progress progress) {
        OnnxGraph instrumented = graph.copy();
        Map<String, String> intermediateByBlock = new LinkedHashMap<>();
        for (FeedForwardBlock block : new EncoderStructure(graph).feedForwardBlocks()) {
            intermediateByBlock.put(block.upWeight(), block.intermediate());
            instrumented.addFloatOutput(block.intermediate(), 3);
        }
        Set<String> matmulInputs = new LinkedHashSet<>();
        DynamicQuantizer.quantizable(graph.index()).forEach(m -> matmulInputs.add(m.input()));
        matmulInputs.forEach(t -> instrumented.addFloatOutput(t, 3));
        List<String> fetch = new ArrayList<>(new LinkedHashSet<>(intermediateByBlock.values()));
        fetch.addAll(matmulInputs.stream().filter(t -> !fetch.contains(t)).toList());
        Path file;
        try {
            file = Files.createTempFile("sift-profile-", ".onnx");
            instrumented.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, ChannelAccumulator> channels = new LinkedHashMap<>();
        Map<String, RangeAccumulator> ranges = new LinkedHashMap<>();
        long tokens = 0;
        try (OnnxModel model = new OnnxModel(file, InferenceSettings.defaults()
                .withIntraOpThreads(Runtime.getRuntime().availableProcessors()));
             Progress.Task task = progress.start("Profiling activations", texts.size())) {
            for (int start = 0; start < texts.size(); start += BATCH) {
                List<TokenizedText> batch = tokenizer.encodeAll(texts.subList(start, Math.min(texts.size(),
                        start + BATCH)));
                PaddedBatch padded = PaddedBatch.of(batch);
                Map<String, FloatTensor> out = model.runTensors(padded, fetch);
                for (var e : intermediateByBlock.entrySet()) {
                    channels.computeIfAbsent(e.getKey(), k -> new ChannelAccumulator()).add(out.get(e.getValue()),
                            padded.attentionMask());
                }
                for (String t : matmulInputs) {
                    ranges.computeIfAbsent(t, k -> new RangeAccumulator()).add(out.get(t), padded.attentionMask());
                }
                tokens += Arrays.stream(padded.attentionMask()).sum();
                task.step(batch.size());
            }
        } catch (OrtException e) {
            throw new IllegalStateException("profiling failed: " + e.getMessage(), e);
        } finally {
            file.toFile().delete();
        }
        Map<String, ActivationProfile.ChannelStats> stats = new LinkedHashMap<>();
        channels.forEach((k, v) -> stats.put(k, v.stats()));
        Map<String, ActivationProfile.Range> rangeStats = new LinkedHashMap<>();
        ranges.forEach((k, v) -> rangeStats.put(k, v.range()));
        return new ActivationProfile(texts.size(), tokens, stats, rangeStats);
    }

    /** Per-channel sums over unmasked tokens of a [batch, seq, channels] tensor. */
    private static final class ChannelAccumulator {
        private double[] sum;
        private double[] sumSquares;
        private double[] sumAbs;
        private double[] maxAbs;
        private long count;

        void add(FloatTensor t, long[] mask) {
            int channels = (int) t.shape()[2];
            int seq = (int) t.shape()[1];
            if (sum == null) {
                sum = new double[channels];
                sumSquares = new double[channels];
                sumAbs = new double[channels];
                maxAbs = new double[channels];
            }
            float[] v = t.values();
            for (int token = 0; token < mask.length; token++) {
                if (mask[token] == 0) {
                    continue;
                }
                int b = token / seq;
                int s = token % seq;
                int offset = (b * seq + s) * channels;
                for (int c = 0; c < channels; c++) {
                    double x = v[offset + c];
                    sum[c] += x;
                    sumSquares[c] += x * x;
                    sumAbs[c] += Math.abs(x);
                    maxAbs[c] = Math.max(maxAbs[c], Math.abs(x));
                }
                count++;
            }
        }

        ActivationProfile.ChannelStats stats() {
            int n = sum.length;
            double[] mean = new double[n];
            double[] variance = new double[n];
            double[] meanAbs = new double[n];
            for (int c = 0; c < n; c++) {
                mean[c] = sum[c] / count;
                variance[c] = Math.max(0, sumSquares[c] / count - mean[c] * mean[c]);
                meanAbs[c] = sumAbs[c] / count;
            }
            return new ActivationProfile.ChannelStats(mean, variance, meanAbs, maxAbs);
        }
    }

    /** Min, max, per-channel maxima and a reservoir of absolute values for a percentile, over unmasked tokens. */
    private static final class RangeAccumulator {
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;
        private double[] channelMaxAbs;
        private final float[] sample = new float[SAMPLE_PER_TENSOR];
        private int sampled;
        private long seen;
        private final java.util.Random random = new java.util.Random(0);

        void add(FloatTensor t, long[] mask) {
            int width = (int) t.shape()[t.shape().length - 1];
            int seq = t.shape().length == 3 ? (int) t.shape()[1] : 1;
            if (channelMaxAbs == null) {
                channelMaxAbs = new double[width];
            }
            float[] v = t.values();
            for (int token = 0; token < mask.length; token++) {
                if (mask[token] == 0) {
                    continue;
                }
                int offset = ((token / seq) * seq + token % seq) * width;
                for (int c = 0; c < width; c++) {
                    float x = v[offset + c];
                    min = Math.min(min, x);
                    max = Math.max(max, x);
                    channelMaxAbs[c] = Math.max(channelMaxAbs[c], Math.abs(x));
                    seen++;
                    if (sampled < sample.length) {
                        sample[sampled++] = Math.abs(x);
                    } else {
                        long slot = (long) (random.nextDouble() * seen);
                        if (slot < sample.length) {
                            sample[(int) slot] = Math.abs(x);
                        }
                    }
                }
            }
        }

        ActivationProfile.Range range() {
            float[] s = Arrays.copyOf(sample, sampled);
            Arrays.sort(s);
            double p999 = s.length == 0 ? 0 : s[Math.min(s.length - 1, (int) (0.999 * s.length))];
            return new ActivationProfile.Range(min, max, p999, channelMaxAbs);
        }
    }
}
