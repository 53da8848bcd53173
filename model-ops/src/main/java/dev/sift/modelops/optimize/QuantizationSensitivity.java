package dev.sift.modelops.optimize;

import ai.onnxruntime.OrtException;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxModel;
import dev.sift.classifier.tokenize.PaddedBatch;
import dev.sift.classifier.tokenize.SnippetTokenizer;
import dev.sift.classifier.tokenize.TokenizedText;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.onnx.OnnxGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How much each weight MatMul, quantized alone, moves the model's output on calibration snippets: the ranking that
 * decides which MatMuls a mixed-precision plan keeps in FP32.
 */
public final class QuantizationSensitivity {

    private static final int BATCH = 32;

    private QuantizationSensitivity() {
    }

    /**
     * One MatMul's effect.
     *
     * @param matmul node name
     * @param error mean cosine distance between the probe output with only this MatMul quantized and FP32
     */
    public record Sensitivity(String matmul, double error) {
    }

    /**
     * Measures every quantizable MatMul, most harmful first.
     *
     * @param graph the FP32 graph (not modified)
     * @param probe a float output {@code [batch, n]} to compare, e.g. {@code sentence_embedding}
     * @param tokenizer its tokenizer
     * @param texts calibration snippets
     * @param reduceRange 7-bit weights
     * @param progress progress reporting
     * @return sensitivities, descending
     */
    public static List<Sensitivity> measure(OnnxGraph graph, String probe, SnippetTokenizer tokenizer,
            List<String> texts, boolean reduceRange, Progress progress) {
        List<PaddedBatch> batches = new ArrayList<>();
        for (int start = 0; start < texts.size(); start += BATCH) {
            List<TokenizedText> chunk = tokenizer.encodeAll(texts.subList(start, Math.min(texts.size(), start + BATCH)));
            batches.add(PaddedBatch.of(chunk));
        }
        OnnxGraph probed = graph.copy();
        probed.addFloatOutput(probe, 2);
        probed.keepOutputs(List.of(probe));
        List<float[]> reference = run(probed, probe, batches);
        List<String> matmuls = DynamicQuantizer.quantizableMatMuls(probed);
        List<Sensitivity> out = new ArrayList<>();
        try (Progress.Task task = progress.start("Measuring INT8 sensitivity", matmuls.size())) {
            for (String matmul : matmuls) {
                Set<String> others = new HashSet<>(matmuls);
                others.remove(matmul);
                OnnxGraph one = probed.copy();
                new DynamicQuantizer(reduceRange, DynamicQuantizer.Embeddings.FP32, others).quantize(one);
                out.add(new Sensitivity(matmul, meanCosineDistance(reference, run(one, probe, batches))));
                task.step();
            }
        }
        out.sort(Comparator.comparingDouble(Sensitivity::error).reversed());
        return out;
    }

    private static List<float[]> run(OnnxGraph graph, String probe, List<PaddedBatch> batches) {
        List<float[]> rows = new ArrayList<>();
        try (OnnxModel model = new OnnxModel(graph.toBytes(), InferenceSettings.defaults()
                .withIntraOpThreads(Runtime.getRuntime().availableProcessors()))) {
            for (PaddedBatch batch : batches) {
                for (float[] row : model.run(batch, List.of(probe)).get(probe)) {
                    rows.add(row);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("sensitivity run failed: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * @param a reference rows
     * @param b compared rows
     * @return mean of {@code 1 - cos(a_i, b_i)}
     */
    public static double meanCosineDistance(List<float[]> a, List<float[]> b) {
        double total = 0;
        for (int i = 0; i < a.size(); i++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            float[] x = a.get(i);
            float[] y = b.get(i);
            for (int d = 0; d < x.length; d++) {
                dot += (double) x[d] * y[d];
                na += (double) x[d] * x[d];
                nb += (double) y[d] * y[d];
            }
            total += 1 - dot / Math.max(1e-12, Math.sqrt(na * nb));
        }
        return total / Math.max(1, a.size());
    }
}
