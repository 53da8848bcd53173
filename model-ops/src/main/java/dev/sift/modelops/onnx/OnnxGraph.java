package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An ONNX model held for editing: read, inspect (op counts, weights, shapes), rewrite (add, replace and remove
 * nodes and initializers, change outputs), check (every input produced, shapes consistent) and write.
 *
 * <p>ONNX Runtime's Java API has no graph editor; this one works directly on the ONNX protobuf classes. Graph
 * patterns are matched against its {@link #index()}, built once per state of the graph. Not thread-safe.
 */
public final class OnnxGraph {

    private final ModelProto.Builder model;
    /** The index of the graph as it is now; null once an edit made it stale. */
    private GraphIndex index;

    private OnnxGraph(ModelProto.Builder model) {
        this.model = model;
    }

    /**
     * Reads a model file (any size protobuf allows).
     *
     * @param file an ONNX file without external data
     * @return the graph
     */
    public static OnnxGraph read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a model from a stream.
     *
     * @param in the serialized model
     * @return the graph
     * @throws IOException when the bytes are not an ONNX model
     */
    public static OnnxGraph read(InputStream in) throws IOException {
        CodedInputStream coded = CodedInputStream.newInstance(in);
        coded.setSizeLimit(Integer.MAX_VALUE);
        ModelProto proto = ModelProto.parseFrom(coded);
        if (!proto.hasGraph()) {
            throw new IOException("not an ONNX model: no graph");
        }
        return new OnnxGraph(proto.toBuilder());
    }

    /**
     * Wraps a model proto.
     *
     * @param proto the model
     * @return an editable copy
     */
    public static OnnxGraph of(ModelProto proto) {
        return new OnnxGraph(proto.toBuilder());
    }

    /** @return an independent copy of this graph */
    public OnnxGraph copy() {
        return new OnnxGraph(model.build().toBuilder());
    }

    /**
     * Writes the model.
     *
     * @param file destination
     * @return the file
     */
    public Path write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(file)) {
                model.build().writeTo(out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ONNX model " + file, e);
        }
    }

    /** @return the serialized model */
    public byte[] toBytes() {
        return model.build().toByteArray();
    }

    /** @return the model proto as it is now */
    public ModelProto proto() {
        return model.build();
    }

    /** @return the version of the default ONNX operator set */
    public long opset() {
        return model.getOpsetImportList().stream()
                .filter(o -> o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                .mapToLong(OperatorSetIdProto::getVersion).findFirst().orElse(1);
    }

    /**
     * Declares an operator set if the model does not import it yet (e.g. {@code com.microsoft}).
     *
     * @param domain operator domain
     * @param version its version
     */
    public void importOpset(String domain, long version) {
        boolean present = model.getOpsetImportList().stream().anyMatch(o -> o.getDomain().equals(domain));
        if (!present) {
            model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version));
        }
    }

    // ---------------------------------------------------------------- inspection

    /** @return the nodes, in graph (topological) order */
    public List<NodeProto> nodes() {
        return model.getGraph().getNodeList();
    }

    /** @return operator type to count, sorted by type */
    public Map<String, Long> opCounts() {
        Map<String, Long> counts = new TreeMap<>();
        for (NodeProto node : nodes()) {
            counts.merge(node.getOpType(), 1L, Long::sum);
        }
        return counts;
    }

    /**
     * The producers, readers and initializers of the graph as it is now. Built on first use and kept until the next
     * edit (any method below that changes the graph drops it); an index taken before an edit still describes the
     * graph before it.
     *
     * @return the index of the current graph
     */
    public GraphIndex index() {
        if (index == null) {
            index = new GraphIndex(nodes(), model.getGraph().getInitializerList());
        }
        return index;
    }

    /** Every edit goes through here: the index no longer describes the graph. */
    private GraphProto.Builder edit() {
        index = null;
        return model.getGraphBuilder();
    }

    /** @return initializers by name, in graph order (read-only) */
    public Map<String, TensorProto> initializers() {
        return index().initializers();
    }

    /** @return total number of weight values */
    public long parameterCount() {
        return model.getGraph().getInitializerList().stream().mapToLong(Tensors::elementCount).sum();
    }

    /** @return bytes of all initializers */
    public long weightBytes() {
        return model.getGraph().getInitializerList().stream()
                .mapToLong(t -> Tensors.elementCount(t) * Tensors.elementBytes(t.getDataType())).sum();
    }

    /** @return names of the graph inputs that are not initializers */
    public List<String> inputNames() {
        Set<String> init = initializers().keySet();
        return model.getGraph().getInputList().stream().map(ValueInfoProto::getName)
                .filter(n -> !init.contains(n)).toList();
    }

    /** @return graph outputs */
    public List<ValueInfoProto> outputs() {
        return model.getGraph().getOutputList();
    }

    /**
     * The static shape of a graph input, output or value-info entry.
     *
     * @param tensor tensor name
     * @return dims, -1 for a symbolic dimension; empty when unknown
     */
    public Optional<long[]> declaredShape(String tensor) {
        List<ValueInfoProto> infos = new ArrayList<>();
        infos.addAll(model.getGraph().getInputList());
        infos.addAll(model.getGraph().getOutputList());
        infos.addAll(model.getGraph().getValueInfoList());
        for (ValueInfoProto info : infos) {
            if (info.getName().equals(tensor) && info.getType().hasTensorType()
                    && info.getType().getTensorType().hasShape()) {
                return Optional.of(info.getType().getTensorType().getShape().getDimList().stream()
                        .mapToLong(d -> d.hasDimValue() ? d.getDimValue() : -1).toArray());
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- editing

    /**
     * A tensor or node name not used anywhere in the graph yet.
     *
     * @param base preferred name
     * @return {@code base}, or {@code base_N}
     */
    public String uniqueName(String base) {
        Set<String> used = new HashSet<>();
        for (NodeProto node : nodes()) {
            used.add(node.getName());
            used.addAll(node.getOutputList());
        }
        model.getGraph().getInitializerList().forEach(t -> used.add(t.getName()));
        model.getGraph().getInputList().forEach(v -> used.add(v.getName()));
        if (!used.contains(base)) {
            return base;
        }
        for (int i = 1; ; i++) {
            if (!used.contains(base + "_" + i)) {
                return base + "_" + i;
            }
        }
    }

    /**
     * Appends a node at the end of the graph (after all it can depend on).
     *
     * @param node the node
     */
    public void addNode(NodeProto node) {
        edit().addNode(node);
    }

    /**
     * Replaces the node list (callers keep it topologically sorted).
     *
     * @param nodes the new nodes
     */
    public void setNodes(List<NodeProto> nodes) {
        edit().clearNode().addAllNode(nodes);
    }

    /**
     * Ends a pass that rewrote nodes: puts the rewritten list in place, drops value-info entries (shapes the rewrite
     * may have made stale) and whatever no output needs any more, and checks the result.
     *
     * @param nodes the rewritten nodes, topologically sorted
     * @param context what the pass did, for the message when the result is inconsistent
     */
    public void replaceNodes(List<NodeProto> nodes, String context) {
        setNodes(nodes);
        clearValueInfo();
        removeDeadCode();
        checkOrThrow(context);
    }

    /**
     * Adds or replaces an initializer.
     *
     * @param tensor the initializer
     */
    public void putInitializer(TensorProto tensor) {
        var graph = edit();
        for (int i = 0; i < graph.getInitializerCount(); i++) {
            if (graph.getInitializer(i).getName().equals(tensor.getName())) {
                graph.setInitializer(i, tensor);
                return;
            }
        }
        graph.addInitializer(tensor);
    }

    /**
     * Replaces the graph outputs with float tensors of the given shapes.
     *
     * @param outputs output name to dims (-1 or a symbolic name for dynamic dims via {@code symbols})
     * @param symbols per output, names of dynamic dims (null entries for static dims)
     */
    public void setFloatOutputs(Map<String, long[]> outputs, Map<String, String[]> symbols) {
        var graph = edit();
        graph.clearOutput();
        outputs.forEach((name, dims) -> {
            TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
            String[] names = symbols.getOrDefault(name, new String[dims.length]);
            for (int i = 0; i < dims.length; i++) {
                if (dims[i] >= 0) {
                    shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i]));
                } else {
                    shape.addDim(TensorShapeProto.Dimension.newBuilder()
                            .setDimParam(names[i] == null ? "dim" + i : names[i]));
                }
            }
            graph.addOutput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                    .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                            .setShape(shape))));
        });
    }

    /**
     * Adds a float graph input {@code [batch, width]} (batch symbolic), unless the graph already has an input of that
     * name.
     *
     * @param name the input name
     * @param width its static width
     * @throws IllegalArgumentException when an existing input of that name has another shape
     */
    public void addFloatInput(String name, int width) {
        Optional<ValueInfoProto> existing = model.getGraph().getInputList().stream()
                .filter(v -> v.getName().equals(name)).findFirst();
        if (existing.isPresent()) {
            long[] shape = declaredShape(name).orElse(new long[0]);
            if (shape.length != 2 || shape[1] != width) {
                throw new IllegalArgumentException("the graph already has an input '" + name + "' of shape "
                        + java.util.Arrays.toString(shape) + ", not [batch, " + width + "]");
            }
            return;
        }
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        edit().addInput(ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))));
    }

    /**
     * Adds a float output of the given rank (all dimensions symbolic), keeping the existing outputs.
     *
     * @param tensor an existing tensor
     * @param rank its rank
     */
    public void addFloatOutput(String tensor, int rank) {
        if (outputs().stream().anyMatch(o -> o.getName().equals(tensor))) {
            return;
        }
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < rank; i++) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(tensor.replaceAll("\\W", "_") + "_" + i));
        }
        edit().addOutput(ValueInfoProto.newBuilder().setName(tensor).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))));
    }

    /**
     * Keeps only the named outputs (and what they depend on).
     *
     * @param names outputs to keep
     */
    public void keepOutputs(List<String> names) {
        List<ValueInfoProto> kept = outputs().stream().filter(o -> names.contains(o.getName())).toList();
        if (kept.size() != names.size()) {
            throw new IllegalArgumentException("graph has no output among " + names);
        }
        edit().clearOutput().addAllOutput(kept);
        removeDeadCode();
    }

    /**
     * Removes nodes and initializers that no graph output depends on, and stale value-info entries.
     *
     * @return number of nodes removed
     */
    public int removeDeadCode() {
        GraphIndex before = index();
        Set<NodeProto> live = new HashSet<>();
        Set<String> liveTensors = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        outputs().forEach(o -> todo.add(o.getName()));
        while (!todo.isEmpty()) {
            String tensor = todo.pop();
            if (!liveTensors.add(tensor)) {
                continue;
            }
            NodeProto node = before.producer(tensor).orElse(null);
            if (node != null && live.add(node)) {
                todo.addAll(node.getInputList());
                for (var attr : node.getAttributeList()) {
                    if (attr.hasG()) {
                        // Sub-graphs (If/Loop) read outer tensors by name: keep what they mention.
                        attr.getG().getNodeList().forEach(n -> todo.addAll(n.getInputList()));
                    }
                }
            }
        }
        List<NodeProto> kept = nodes().stream().filter(live::contains).toList();
        int removed = nodes().size() - kept.size();
        var graph = edit();
        setNodes(kept);
        List<TensorProto> initializers = graph.getInitializerList().stream()
                .filter(t -> liveTensors.contains(t.getName())).toList();
        graph.clearInitializer().addAllInitializer(initializers);
        Set<String> keptInitializers = new HashSet<>();
        initializers.forEach(t -> keptInitializers.add(t.getName()));
        List<ValueInfoProto> infos = graph.getValueInfoList().stream()
                .filter(v -> liveTensors.contains(v.getName())).toList();
        graph.clearValueInfo().addAllValueInfo(infos);
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> liveTensors.contains(v.getName()) || !keptInitializers.contains(v.getName()))
                .toList();
        graph.clearInput().addAllInput(inputs);
        return removed;
    }

    /** Drops intermediate value-info entries, whose shapes an edit may have made stale. */
    public void clearValueInfo() {
        edit().clearValueInfo();
    }

    // ---------------------------------------------------------------- checking

    /**
     * Checks structure: nodes in topological order with every input produced before use, unique output names,
     * every graph output produced, initializer data matching their shapes.
     *
     * @return problems found; empty when the graph is consistent
     */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        Set<String> available = new HashSet<>();
        available.add("");
        model.getGraph().getInputList().forEach(v -> available.add(v.getName()));
        for (TensorProto t : model.getGraph().getInitializerList()) {
            available.add(t.getName());
            int bytes = Tensors.elementBytes(t.getDataType());
            if (bytes > 0 && !t.getRawData().isEmpty() && t.getRawData().size() != Tensors.elementCount(t) * bytes) {
                problems.add("initializer " + t.getName() + " holds " + t.getRawData().size()
                        + " bytes for shape " + t.getDimsList());
            }
        }
        for (NodeProto node : nodes()) {
            for (String in : node.getInputList()) {
                if (!available.contains(in) && !isOuterScope(node)) {
                    problems.add("node " + node.getName() + " (" + node.getOpType() + ") reads " + in
                            + " before anything produces it");
                }
            }
            for (String out : node.getOutputList()) {
                if (!out.isEmpty() && !available.add(out)) {
                    problems.add("tensor " + out + " is produced twice (again by " + node.getName() + ")");
                }
            }
        }
        for (ValueInfoProto out : outputs()) {
            if (!available.contains(out.getName())) {
                problems.add("graph output " + out.getName() + " is not produced");
            }
        }
        return problems;
    }

    private static boolean isOuterScope(NodeProto node) {
        return node.getAttributeList().stream().anyMatch(a -> a.hasG());
    }

    /**
     * Throws when {@link #check()} finds problems.
     *
     * @param context what was being done, for the message
     */
    public void checkOrThrow(String context) {
        List<String> problems = check();
        if (!problems.isEmpty()) {
            throw new IllegalStateException(context + ": inconsistent graph: "
                    + String.join("; ", problems.subList(0, Math.min(5, problems.size())))
                    + (problems.size() > 5 ? " (+" + (problems.size() - 5) + " more)" : ""));
        }
    }
}
