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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dynamic INT8 quantization written on the ONNX graph, the form ONNX Runtime's Python {@code quantize_dynamic}
 * emits and ONNX Runtime fuses into its integer kernels:
 *
 * <pre>
 *   A (float) ─ DynamicQuantizeLinear ─► A_q (uint8), A_scale, A_zero     (once per activation, shared)
 *   MatMulInteger(A_q, W_q int8 [K,N], A_zero, W_zero int8 [N]) ─ Cast ─ Mul(A_scale · W_scale[N]) ─► Y
 * </pre>
 *
 * Weights are quantized per output channel, symmetric, to int8 ({@code [-127, 127]}, or {@code [-64, 64]} with
 * {@code reduceRange}, which only x86 CPUs without VNNI need: their U8S8 instructions can saturate). Embedding tables
 * become uint8 with one scale and zero point per table, read through {@code Gather} then {@code DequantizeLinear}:
 * asymmetric over the table's range by default, or symmetric around 128 as ONNX Runtime's Python tool does. With
 * {@code reduceRange} and symmetric tables this class reproduces {@code quantize_dynamic(per_channel=True,
 * reduce_range=True)} bit for bit. Gemm layers are first rewritten as MatMul + Add. MatMuls named in
 * {@code keepFp32} (the sensitive ones) and the fused heads stay FP32.
 */
public final class DynamicQuantizer {

    /** Name prefix of the fused head nodes, kept FP32 (small, and closest to the decision). */
    public static final String HEAD_PREFIX = "sift_head/";

    /** How embedding tables are quantized. */
    public enum Embeddings {
        /** Left in FP32. */
        FP32,
        /** uint8 over the table's own range (most precise). */
        ASYMMETRIC,
        /** uint8 symmetric around zero point 128 (ONNX Runtime's Python tool). */
        SYMMETRIC
    }

    private final boolean reduceRange;
    private final Embeddings embeddings;
    private final Set<String> keepFp32;

    /**
     * @param reduceRange 7-bit weights, for x86 CPUs without VNNI
     * @param embeddings how embedding tables are quantized
     * @param keepFp32 names of MatMul nodes to leave in FP32
     */
    public DynamicQuantizer(boolean reduceRange, Embeddings embeddings, Set<String> keepFp32) {
        this.reduceRange = reduceRange;
        this.embeddings = embeddings;
        this.keepFp32 = Set.copyOf(keepFp32);
    }

    /**
     * The quantizer for this machine: full-range weights unless the CPU lacks VNNI, asymmetric tables.
     *
     * @param keepFp32 names of MatMul nodes to leave in FP32
     * @return the quantizer
     */
    public static DynamicQuantizer forThisCpu(Set<String> keepFp32) {
        return new DynamicQuantizer(cpuNeedsReducedRange(), Embeddings.ASYMMETRIC, keepFp32);
    }

    /**
     * @return whether this CPU needs {@code reduceRange}: x86 without VNNI (AVX512-VNNI or AVX-VNNI)
     */
    public static boolean cpuNeedsReducedRange() {
        String arch = System.getProperty("os.arch", "");
        if (!arch.contains("amd64") && !arch.contains("x86")) {
            return false;
        }
        try {
            String flags = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/cpuinfo"));
            return !(flags.contains("avx512_vnni") || flags.contains("avx_vnni"));
        } catch (java.io.IOException e) {
            return true;
        }
    }

    /**
     * The MatMuls this quantizer can quantize: a weight initializer of rank 2 as second input, not a fused head.
     *
     * @param graph a graph
     * @return their node names, in graph order
     */
    public static List<String> quantizableMatMuls(OnnxGraph graph) {
        return quantizable(graph.index()).stream().map(WeightMatMul::name).toList();
    }

    /**
     * @param index a graph's index
     * @return the weight MatMuls this quantizer can quantize: FP32 matrix weights, not a fused head; in graph order
     */
    static List<WeightMatMul> quantizable(GraphIndex index) {
        return WeightMatMul.all(index).stream()
                .filter(m -> m.isFloatMatrix() && !m.name().startsWith(HEAD_PREFIX)).toList();
    }

    /**
     * Quantizes a graph in place.
     *
     * @param graph an FP32 graph
     * @return counts of what was quantized
     */
    public Map<String, Integer> quantize(OnnxGraph graph) {
        rewriteGemms(graph);
        GraphIndex index = graph.index();
        Map<String, TensorProto> init = index.initializers();
        Set<String> targets = new HashSet<>();
        quantizable(index).forEach(m -> targets.add(m.name()));
        targets.removeAll(keepFp32);
        Map<String, String[]> quantizedActivations = new HashMap<>();
        Set<String> usedWeights = new HashSet<>();
        List<NodeProto> out = new ArrayList<>();
        int matmuls = 0;
        int tables = 0;
        for (NodeProto node : index.nodes()) {
            if (targets.contains(node.getName())) {
                String a = node.getInput(0);
                String[] q = quantizedActivations.get(a);
                if (q == null) {
                    // A dequantized table lookup read directly by this MatMul (a factorized word table's
                    // projection) already wrote a + "_quantized": its rows.
                    String base = a + (producedHere(out, a + "_quantized") ? "_activation" : "");
                    q = new String[] {base + "_quantized", base + "_scale", base + "_zero_point"};
                    out.add(Nodes.node("DynamicQuantizeLinear", a + "_QuantizeLinear", List.of(a), List.of(q)));
                    quantizedActivations.put(a, q);
                }
                String w = node.getInput(1);
                if (usedWeights.add(w)) {
                    quantizeWeight(graph, init.get(w));
                }
                String y = node.getOutput(0);
                String scales = node.getName() + "_quant_scales_mul:0";
                out.add(Nodes.node("Mul", node.getName() + "_quant_scales_mul", List.of(q[1], w + "_scale"),
                        List.of(scales)));
                out.add(Nodes.node("MatMulInteger", node.getName() + "_quant",
                        List.of(q[0], w + "_quantized", q[2], w + "_zero_point"), List.of(y + "_output_quantized")));
                out.add(Nodes.node("Cast", y + "_output_quantized_cast", List.of(y + "_output_quantized"),
                        List.of(y + "_output_quantized_cast_output"),
                        Nodes.intAttr("to", TensorProto.DataType.FLOAT_VALUE)));
                out.add(Nodes.node("Mul", node.getName() + "_quant_output_scale_mul",
                        List.of(y + "_output_quantized_cast_output", scales), List.of(y)));
                matmuls++;
            } else if (this.embeddings != Embeddings.FP32 && isEmbeddingLookup(node, index)) {
                String table = node.getInput(0);
                quantizeTable(graph, init.get(table), this.embeddings == Embeddings.SYMMETRIC);
                String y = node.getOutput(0);
                out.add(node.toBuilder().setInput(0, table + "_quantized").setOutput(0, y + "_quantized").build());
                out.add(Nodes.node("DequantizeLinear", y + "_DequantizeLinear",
                        List.of(y + "_quantized", table + "_scale", table + "_zero_point"), List.of(y)));
                tables++;
            } else {
                out.add(node);
            }
        }
        graph.replaceNodes(out, "quantizing");
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("matmuls", matmuls);
        counts.put("keptFp32", (int) keepFp32.stream().filter(n -> graph.nodes().stream()
                .anyMatch(x -> x.getName().equals(n))).count());
        counts.put("embeddings", tables);
        return counts;
    }

    private static boolean producedHere(List<NodeProto> nodes, String tensor) {
        return nodes.stream().anyMatch(n -> n.getOutputList().contains(tensor));
    }

    /** A Gather reading rows of a float table of rank 2 that nothing else reads. */
    private static boolean isEmbeddingLookup(NodeProto node, GraphIndex index) {
        if (!node.getOpType().equals("Gather") || Nodes.intAttribute(node, "axis", 0) != 0) {
            return false;
        }
        TensorProto table = index.initializer(node.getInput(0)).orElse(null);
        return table != null && table.getDimsCount() == 2 && table.getDataType() == TensorProto.DataType.FLOAT_VALUE
                && index.consumers(node.getInput(0)).size() == 1;
    }

    /** Per output channel (column), symmetric int8. */
    private void quantizeWeight(OnnxGraph graph, TensorProto weight) {
        long[] dims = Tensors.dims(weight);
        int rows = (int) dims[0];
        int cols = (int) dims[1];
        float[] w = Tensors.toFloats(weight);
        float qmax = reduceRange ? 64f : 127f;
        float[] scale = new float[cols];
        for (int c = 0; c < cols; c++) {
            float max = 0;
            for (int r = 0; r < rows; r++) {
                max = Math.max(max, Math.abs(w[r * cols + c]));
            }
            scale[c] = max == 0 ? 1f : max / qmax;
        }
        byte[] q = new byte[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = (float) Math.rint(w[r * cols + c] / scale[c]);
                q[r * cols + c] = (byte) Math.max(-qmax, Math.min(qmax, v));
            }
        }
        String name = weight.getName();
        graph.putInitializer(Tensors.bytes(name + "_quantized", dims, q, true));
        graph.putInitializer(Tensors.floats(name + "_scale", new long[] {cols}, scale));
        graph.putInitializer(Tensors.bytes(name + "_zero_point", new long[] {cols}, new byte[cols], true));
    }

    /** One scale and zero point per table, uint8 over a range that includes 0. */
    private static void quantizeTable(OnnxGraph graph, TensorProto table, boolean symmetric) {
        float[] t = Tensors.toFloats(table);
        float min = 0;
        float max = 0;
        for (float v : t) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (symmetric) {
            float absMax = Math.max(Math.abs(min), Math.abs(max));
            min = -absMax;
            max = absMax;
        }
        float scale = max == min ? 1f : (max - min) / 255f;
        int zero = symmetric ? 128 : (int) Math.max(0, Math.min(255, Math.rint(-min / scale)));
        byte[] q = new byte[t.length];
        for (int i = 0; i < t.length; i++) {
            q[i] = (byte) (int) Math.max(0, Math.min(255, Math.rint(t[i] / scale) + zero));
        }
        String name = table.getName();
        graph.putInitializer(Tensors.bytes(name + "_quantized", Tensors.dims(table), q, false));
        graph.putInitializer(Tensors.floats(name + "_scale", new long[0], new float[] {scale}));
        graph.putInitializer(Tensors.bytes(name + "_zero_point", new long[0], new byte[] {(byte) zero}, false));
    }

    /** Gemm(A, B, C) with alpha = beta = 1 and no transposed A becomes MatMul(A, B or Bᵀ) + Add(C). */
    private static void rewriteGemms(OnnxGraph graph) {
        GraphIndex index = graph.index();
        Map<String, TensorProto> init = index.initializers();
        List<NodeProto> out = new ArrayList<>();
        for (NodeProto node : index.nodes()) {
            TensorProto b = node.getInputCount() > 1 ? init.get(node.getInput(1)) : null;
            boolean plain = node.getOpType().equals("Gemm") && b != null && b.getDimsCount() == 2
                    && Nodes.intAttribute(node, "transA", 0) == 0
                    && Nodes.attribute(node, "alpha").map(a -> a.getF() == 1f).orElse(true)
                    && Nodes.attribute(node, "beta").map(a -> a.getF() == 1f).orElse(true)
                    && !node.getName().startsWith(HEAD_PREFIX);
            if (!plain) {
                out.add(node);
                continue;
            }
            String weight = b.getName();
            if (Nodes.intAttribute(node, "transB", 0) == 1) {
                long[] dims = Tensors.dims(b);
                float[] w = Tensors.toFloats(b);
                float[] t = new float[w.length];
                for (int r = 0; r < dims[0]; r++) {
                    for (int c = 0; c < dims[1]; c++) {
                        t[(int) (c * dims[0] + r)] = w[(int) (r * dims[1] + c)];
                    }
                }
                weight = graph.uniqueName(b.getName() + "_transposed");
                graph.putInitializer(Tensors.floats(weight, new long[] {dims[1], dims[0]}, t));
            }
            String y = node.getOutput(0);
            if (node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
                out.add(Nodes.node("MatMul", node.getName() + "_MatMul", List.of(node.getInput(0), weight),
                        List.of(y + "_matmul")));
                out.add(Nodes.node("Add", node.getName() + "_Add", List.of(y + "_matmul", node.getInput(2)),
                        List.of(y)));
            } else {
                out.add(Nodes.node("MatMul", node.getName() + "_MatMul", List.of(node.getInput(0), weight), List.of(y)));
            }
        }
        graph.setNodes(out);
    }
}
