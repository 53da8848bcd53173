package dev.sift.classifier.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.sift.classifier.ResourceGuard;
import dev.sift.classifier.context.ContextSlot;
import dev.sift.classifier.tokenize.PaddedBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An ONNX Runtime session over a BERT-family graph whose inputs are {@code input_ids}, {@code attention_mask} and
 * optionally {@code token_type_ids}, and whose requested outputs are float tensors {@code [batch, n]}. A
 * context-aware graph also reads one float input {@code [batch, width]} per
 * {@link dev.sift.classifier.context.ContextSlot}; a run that does not supply one (profiling, latency, a probe) feeds
 * it zeros, what a thread's first turn reads.
 *
 * <p>Thread-safe: {@code run} may be called concurrently (ONNX Runtime allows it on one session). {@link #close()}
 * waits for running calls, then closes the session exactly once; closing a session under a running inference
 * crashes the JVM, which the lock rules out.
 */
public final class OnnxModel implements AutoCloseable {

    /** Encoder input: token ids. */
    public static final String INPUT_IDS = "input_ids";
    /** Encoder input: 1 for tokens, 0 for padding. */
    public static final String ATTENTION_MASK = "attention_mask";
    /** Encoder input: segment ids. */
    public static final String TOKEN_TYPE_IDS = "token_type_ids";
    private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean needsTokenTypes;
    private final Map<String, NodeInfo> outputs;
    /** Context input name to its width, in name order. */
    private final Map<String, Integer> contextInputs;
    private final ResourceGuard guard = new ResourceGuard("model session");

    /**
     * Loads a graph.
     *
     * @param onnxFile the ONNX graph
     * @param settings threads and optimizations
     * @throws OrtException when ONNX Runtime cannot load the graph
     * @throws IllegalArgumentException when the graph's inputs are not those of a BERT-family encoder
     */
    public OnnxModel(Path onnxFile, InferenceSettings settings) throws OrtException {
        this(OrtEnvironment.getEnvironment(), settings, onnxFile, null);
    }

    /**
     * Loads a graph held in memory (a candidate being measured, not yet written anywhere).
     *
     * @param onnxBytes the serialized graph
     * @param settings threads and optimizations
     * @throws OrtException when ONNX Runtime cannot load the graph
     */
    public OnnxModel(byte[] onnxBytes, InferenceSettings settings) throws OrtException {
        this(OrtEnvironment.getEnvironment(), settings, null, onnxBytes);
    }

    private OnnxModel(OrtEnvironment environment, InferenceSettings settings, Path file, byte[] bytes)
            throws OrtException {
        this.environment = environment;
        try (OrtSession.SessionOptions options = sessionOptions(settings)) {
            this.session = file != null ? environment.createSession(file.toString(), options)
                    : environment.createSession(bytes, options);
        }
        try {
            Set<String> inputs = session.getInputNames();
            this.contextInputs = contextInputs(session.getInputInfo());
            if (!inputs.contains(INPUT_IDS) || !inputs.contains(ATTENTION_MASK)
                    || !inputs.stream().allMatch(i -> KNOWN_INPUTS.contains(i) || contextInputs.containsKey(i))) {
                throw new IllegalArgumentException("graph inputs " + inputs + " are not those of a BERT-family"
                        + " encoder (" + INPUT_IDS + ", " + ATTENTION_MASK + " and optionally " + TOKEN_TYPE_IDS
                        + " and context inputs [batch, width] named " + CONTEXT_INPUT_NAMES + ")");
            }
            this.needsTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
            this.outputs = new LinkedHashMap<>(session.getOutputInfo());
        } catch (OrtException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    private static final Set<String> CONTEXT_INPUT_NAMES = Arrays.stream(ContextSlot.values())
            .map(ContextSlot::inputName).collect(Collectors.toUnmodifiableSet());

    /** The graph's context inputs: known slot names, 2-D floats with a static width. */
    private static Map<String, Integer> contextInputs(Map<String, NodeInfo> inputs) {
        Map<String, Integer> out = new TreeMap<>();
        for (Map.Entry<String, NodeInfo> input : inputs.entrySet()) {
            if (CONTEXT_INPUT_NAMES.contains(input.getKey())) {
                if (!(input.getValue().getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 2
                        || tensor.type != OnnxJavaType.FLOAT || tensor.getShape()[1] < 1) {
                    throw new IllegalArgumentException("context input '" + input.getKey()
                            + "' is not a float tensor [batch, width] with a static width: " + input.getValue().getInfo());
                }
                out.put(input.getKey(), (int) tensor.getShape()[1]);
            }
        }
        return out;
    }

    /** @return the graph's context inputs, name to width (empty for a graph that judges each turn alone) */
    public Map<String, Integer> contextInputs() {
        return Map.copyOf(contextInputs);
    }

    private static OrtSession.SessionOptions sessionOptions(InferenceSettings settings) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setIntraOpNumThreads(settings.intraOpThreads());
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(settings.optimization().ortLevel());
            // Every batch has its own shape (dynamic padding): a memory pattern is planned and kept per shape and
            // would only grow the process, never be reused.
            options.setMemoryPatternOptimization(false);
            options.addConfigEntry("session.intra_op.allow_spinning", settings.allowSpinning() ? "1" : "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    /**
     * The static size of an output's last dimension.
     *
     * @param name output name
     * @return its width, or -1 when dynamic
     * @throws IllegalArgumentException when the graph has no such output or it is not a 2-D float tensor
     */
    public long outputWidth(String name) {
        NodeInfo info = outputs.get(name);
        if (info == null) {
            throw new IllegalArgumentException("the graph has no output '" + name + "' (outputs: "
                    + outputs.keySet() + ")");
        }
        if (!(info.getInfo() instanceof TensorInfo tensor) || tensor.getShape().length != 2
                || tensor.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("output '" + name + "' is not a float tensor [batch, n]: "
                    + info.getInfo());
        }
        return tensor.getShape()[1];
    }

    /** @return output names of the graph */
    public Set<String> outputNames() {
        return outputs.keySet();
    }

    /**
     * Runs one padded batch.
     *
     * @param batch encoder inputs
     * @param names outputs to fetch, each {@code [batch, n]} floats
     * @return per output, one row per text
     * @throws OrtException when inference fails
     */
    public Map<String, float[][]> run(PaddedBatch batch, List<String> names) throws OrtException {
        return run(batch, Map.of(), names);
    }

    /**
     * Runs one padded batch with context.
     *
     * @param batch encoder inputs
     * @param context context input name to one row per text ({@code [batch.size()][width]}); a context input of the
     *     graph left out is fed zeros
     * @param names outputs to fetch, each {@code [batch, n]} floats
     * @return per output, one row per text
     * @throws OrtException when inference fails
     * @throws IllegalArgumentException when a context input is not the graph's or has the wrong shape
     */
    public Map<String, float[][]> run(PaddedBatch batch, Map<String, float[][]> context, List<String> names)
            throws OrtException {
        for (Map.Entry<String, float[][]> input : context.entrySet()) {
            Integer width = contextInputs.get(input.getKey());
            if (width == null) {
                throw new IllegalArgumentException("the graph has no context input '" + input.getKey() + "' (has "
                        + contextInputs.keySet() + ")");
            }
            float[][] rows = input.getValue();
            if (rows.length != batch.size() || Arrays.stream(rows).anyMatch(r -> r.length != width)) {
                throw new IllegalArgumentException("context input '" + input.getKey() + "' needs " + batch.size()
                        + " rows of width " + width);
            }
        }
        return execute(batch, context, names, (name, tensor) -> rows(tensor, batch.size()));
    }

    /**
     * A float output of any rank.
     *
     * @param shape its shape
     * @param values its values, row-major
     */
    public record FloatTensor(long[] shape, float[] values) {
    }

    /**
     * Runs one padded batch and returns outputs of any rank (token states, intermediate activations).
     *
     * @param batch encoder inputs
     * @param names float outputs to fetch
     * @return each output with its shape
     * @throws OrtException when inference fails
     */
    public Map<String, FloatTensor> runTensors(PaddedBatch batch, List<String> names) throws OrtException {
        return execute(batch, Map.of(), names, (name, tensor) -> {
            FloatBuffer data = tensor.getFloatBuffer();
            float[] values = new float[data.remaining()];
            data.get(values);
            return new FloatTensor(tensor.getInfo().getShape(), values);
        });
    }

    /** Copies one output out of native memory before the result is freed. */
    private interface OutputReader<T> {
        T read(String name, OnnxTensor tensor);
    }

    private <T> Map<String, T> execute(PaddedBatch batch, Map<String, float[][]> context, List<String> names,
            OutputReader<T> reader) throws OrtException {
        try {
            return guard.use(() -> {
                Map<String, OnnxTensor> inputs = new HashMap<>();
                try {
                    inputs.put(INPUT_IDS, tensor(batch.inputIds(), batch.shape()));
                    inputs.put(ATTENTION_MASK, tensor(batch.attentionMask(), batch.shape()));
                    if (needsTokenTypes) {
                        inputs.put(TOKEN_TYPE_IDS, tensor(batch.tokenTypeIds(), batch.shape()));
                    }
                    for (Map.Entry<String, Integer> input : contextInputs.entrySet()) {
                        float[][] rows = context.get(input.getKey());
                        inputs.put(input.getKey(), floatTensor(rows == null ? new float[batch.size()][input.getValue()]
                                : rows, batch.size(), input.getValue()));
                    }
                    try (OrtSession.Result result = session.run(inputs, Set.copyOf(names))) {
                        Map<String, T> out = new HashMap<>();
                        for (String name : names) {
                            OnnxTensor tensor = (OnnxTensor) result.get(name)
                                    .orElseThrow(() -> new IllegalStateException("no output " + name));
                            out.put(name, reader.read(name, tensor));
                        }
                        return out;
                    }
                } catch (OrtException e) {
                    throw new InferenceFailure(e);
                } finally {
                    inputs.values().forEach(OnnxTensor::close);
                }
            });
        } catch (InferenceFailure e) {
            throw e.cause;
        }
    }

    /** Carries a checked ONNX Runtime failure through the guard. */
    private static final class InferenceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient OrtException cause;

        InferenceFailure(OrtException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private OnnxTensor tensor(long[] values, long[] shape) throws OrtException {
        LongBuffer buffer = ByteBuffer.allocateDirect(values.length * Long.BYTES)
                .order(ByteOrder.nativeOrder()).asLongBuffer();
        buffer.put(values).rewind();
        return OnnxTensor.createTensor(environment, buffer, shape);
    }

    private OnnxTensor floatTensor(float[][] rows, int size, int width) throws OrtException {
        FloatBuffer buffer = ByteBuffer.allocateDirect(size * width * Float.BYTES)
                .order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (float[] row : rows) {
            buffer.put(row);
        }
        buffer.rewind();
        return OnnxTensor.createTensor(environment, buffer, new long[] {size, width});
    }

    private static float[][] rows(OnnxTensor tensor, int size) {
        long[] shape = tensor.getInfo().getShape();
        FloatBuffer data = tensor.getFloatBuffer();
        int width = shape.length == 1 ? 1 : (int) (data.remaining() / Math.max(1, shape[0]));
        float[][] rows = new float[size][width];
        for (int row = 0; row < size; row++) {
            data.get(rows[row]);
        }
        return rows;
    }

    @Override
    public void close() {
        guard.close(() -> {
            try {
                session.close();
            } catch (OrtException e) {
                throw new IllegalStateException("closing the ONNX Runtime session failed", e);
            }
        });
    }
}
