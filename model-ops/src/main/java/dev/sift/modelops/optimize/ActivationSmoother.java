package dev.sift.modelops.optimize;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.sift.modelops.onnx.GraphIndex;
import dev.sift.modelops.onnx.Nodes;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Tensors;
import dev.sift.modelops.onnx.WeightMatMul;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activation-aware scaling before INT8, without retraining: moves the outlier channels of each weight MatMul's
 * input into its weights, where per-channel quantization absorbs them.
 *
 * <p>Dynamic quantization gives an activation tensor one scale per call, set by its largest value. Transformer
 * activations have a few channels far larger than the rest, so most channels get only a handful of the 256 steps.
 * For an input {@code X} read by MatMuls with weights {@code W}, this rewrites {@code X·W} as
 * {@code (X·diag(1/s))·(diag(s)·W)}, which is the same product in exact arithmetic, with
 * {@code s_j = max|X_j|^α / max|W_j|^(1-α)} from the calibration profile: α = 0 leaves the graph as it was, larger α
 * flattens the activations more and the weights less. The division is one {@code Mul} per input tensor, shared by
 * every MatMul that reads it (e.g. the query, key and value projections), so their single
 * {@code DynamicQuantizeLinear} stays shared.
 */
public final class ActivationSmoother {

    private static final double MIN_SCALE = 1e-4;
    private static final double MAX_SCALE = 1e4;

    private final double alpha;

    /**
     * @param alpha migration strength in (0, 1): how much of an activation channel's range moves into the weights
     */
    public ActivationSmoother(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        this.alpha = alpha;
    }

    /**
     * Rescales the inputs of the given MatMuls in place.
     *
     * @param graph an FP32 graph
     * @param profile the activation profile of this very graph (channel counts must match)
     * @param matmuls names of the MatMuls that will be quantized; others keep reading the unscaled input
     * @return the activation tensors rescaled
     */
    public List<String> smooth(OnnxGraph graph, ActivationProfile profile, Set<String> matmuls) {
        GraphIndex index = graph.index();
        Map<String, List<WeightMatMul>> readersOfInput = new LinkedHashMap<>();
        for (WeightMatMul matmul : WeightMatMul.all(index)) {
            ActivationProfile.Range range = profile.matmulInputs().get(matmul.input());
            if (matmuls.contains(matmul.name()) && matmul.isMatrix()
                    && index.consumers(matmul.weightName()).size() == 1 && range != null
                    && range.channelMaxAbs() != null && range.channelMaxAbs().length == matmul.weight().getDims(0)) {
                readersOfInput.computeIfAbsent(matmul.input(), k -> new ArrayList<>()).add(matmul);
            }
        }
        Map<String, String> rewired = new HashMap<>();
        Map<String, String> firstReader = new HashMap<>();
        readersOfInput.forEach((input, readers) -> {
            float[] scale = scales(profile.matmulInputs().get(input).channelMaxAbs(), readers);
            float[] inverse = new float[scale.length];
            for (int j = 0; j < scale.length; j++) {
                inverse[j] = 1f / scale[j];
            }
            String smoothed = graph.uniqueName(input + "_smoothed");
            graph.putInitializer(Tensors.floats(smoothed + "_inverse_scale", new long[] {scale.length}, inverse));
            for (WeightMatMul reader : readers) {
                scaleRows(graph, reader.weight(), scale);
                rewired.put(reader.name(), smoothed);
            }
            firstReader.put(readers.get(0).name(), input);
        });
        List<NodeProto> out = new ArrayList<>();
        for (NodeProto node : index.nodes()) {
            String input = firstReader.get(node.getName());
            if (input != null) {
                String smoothed = rewired.get(node.getName());
                out.add(Nodes.node("Mul", smoothed + "_Mul", List.of(input, smoothed + "_inverse_scale"),
                        List.of(smoothed)));
            }
            String smoothed = rewired.get(node.getName());
            out.add(smoothed == null ? node : node.toBuilder().setInput(0, smoothed).build());
        }
        graph.setNodes(out);
        graph.clearValueInfo();
        graph.checkOrThrow("smoothing activations");
        return List.copyOf(readersOfInput.keySet());
    }

    /** s_j = max|X_j|^α / max|W_j|^(1-α), the weight maximum taken over every reader's row j. */
    private float[] scales(double[] activationMax, List<WeightMatMul> readers) {
        double[] weightMax = new double[activationMax.length];
        for (WeightMatMul reader : readers) {
            TensorProto weight = reader.weight();
            int cols = (int) Tensors.dims(weight)[1];
            float[] w = Tensors.toFloats(weight);
            for (int j = 0; j < weightMax.length; j++) {
                for (int c = 0; c < cols; c++) {
                    weightMax[j] = Math.max(weightMax[j], Math.abs(w[j * cols + c]));
                }
            }
        }
        float[] scale = new float[activationMax.length];
        for (int j = 0; j < scale.length; j++) {
            double s = activationMax[j] > 0 && weightMax[j] > 0
                    ? Math.pow(activationMax[j], alpha) / Math.pow(weightMax[j], 1 - alpha) : 1;
            scale[j] = (float) Math.max(MIN_SCALE, Math.min(MAX_SCALE, s));
        }
        return scale;
    }

    private static void scaleRows(OnnxGraph graph, TensorProto weight, float[] scale) {
        long[] dims = Tensors.dims(weight);
        int cols = (int) dims[1];
        float[] w = Tensors.toFloats(weight);
        for (int j = 0; j < scale.length; j++) {
            for (int c = 0; c < cols; c++) {
                w[j * cols + c] *= scale[j];
            }
        }
        graph.putInitializer(Tensors.floats(weight.getName(), dims, w));
    }
}
