package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who produces and who reads each tensor of a graph, and its initializers by name: what every graph pattern is
 * matched against.
 *
 * <p>An index is an immutable snapshot of one state of a graph. {@link OnnxGraph#index()} builds it once per state:
 * any edit of the graph drops it, and the next call builds it again. A pass that edits a graph while it walks the
 * matches it found keeps the index it started from, and so keeps reading the graph as it was before its own edits
 * (the original weights, the original readers of a tensor).
 */
public final class GraphIndex {

    private final List<NodeProto> nodes;
    private final Map<String, NodeProto> producers;
    private final Map<String, List<NodeProto>> consumers;
    private final Map<String, TensorProto> initializers;

    GraphIndex(List<NodeProto> nodes, List<TensorProto> initializerList) {
        this.nodes = List.copyOf(nodes);
        Map<String, NodeProto> producedBy = new HashMap<>();
        Map<String, List<NodeProto>> readBy = new HashMap<>();
        for (NodeProto node : this.nodes) {
            for (String output : node.getOutputList()) {
                producedBy.put(output, node);
            }
            for (String input : node.getInputList()) {
                readBy.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
            }
        }
        readBy.replaceAll((tensor, readers) -> Collections.unmodifiableList(readers));
        Map<String, TensorProto> byName = new LinkedHashMap<>();
        initializerList.forEach(t -> byName.put(t.getName(), t));
        this.producers = Collections.unmodifiableMap(producedBy);
        this.consumers = Collections.unmodifiableMap(readBy);
        this.initializers = Collections.unmodifiableMap(byName);
    }

    /** @return the nodes, in graph (topological) order */
    public List<NodeProto> nodes() {
        return nodes;
    }

    /** @return initializers by name, in graph order */
    public Map<String, TensorProto> initializers() {
        return initializers;
    }

    /**
     * @param tensor a tensor name
     * @return the node producing it; empty for graph inputs and initializers
     */
    public Optional<NodeProto> producer(String tensor) {
        return Optional.ofNullable(producers.get(tensor));
    }

    /**
     * @param tensor a tensor name
     * @param op an operator type
     * @return the node producing the tensor, when it is of that type
     */
    public Optional<NodeProto> producedBy(String tensor, String op) {
        return producer(tensor).filter(n -> n.getOpType().equals(op));
    }

    /**
     * @param tensor a tensor name
     * @return the nodes reading it, in graph order (a node reading it twice is listed twice)
     */
    public List<NodeProto> consumers(String tensor) {
        return consumers.getOrDefault(tensor, List.of());
    }

    /**
     * @param tensor a tensor name
     * @param op an operator type
     * @return the node reading the tensor, when it is its only reader and of that type
     */
    public Optional<NodeProto> onlyConsumer(String tensor, String op) {
        List<NodeProto> readers = consumers(tensor);
        return readers.size() == 1 && readers.get(0).getOpType().equals(op) ? Optional.of(readers.get(0))
                : Optional.empty();
    }

    /**
     * @param tensor a tensor name
     * @return the initializer of that name
     */
    public Optional<TensorProto> initializer(String tensor) {
        return Optional.ofNullable(initializers.get(tensor));
    }

    /**
     * @param tensor a tensor name
     * @return whether it is an initializer
     */
    public boolean isInitializer(String tensor) {
        return initializers.containsKey(tensor);
    }

    /**
     * @param tensor a tensor name
     * @return the initializer of that name, or a {@code Constant} node's value
     */
    public Optional<TensorProto> constant(String tensor) {
        return initializer(tensor).or(() -> producedBy(tensor, "Constant")
                .flatMap(n -> Nodes.attribute(n, "value")).map(a -> a.getT()));
    }

    /**
     * A two-input node one of whose operands is an initializer: a bias {@code Add}, a scale {@code Mul}.
     *
     * @param node any node
     * @return whether it is one
     */
    public boolean hasInitializerOperand(NodeProto node) {
        return node.getInputCount() == 2 && (isInitializer(node.getInput(0)) || isInitializer(node.getInput(1)));
    }

    /**
     * @param node a node with {@link #hasInitializerOperand an initializer operand}
     * @return its initializer operand (the first, when both are)
     */
    public String initializerOperand(NodeProto node) {
        return isInitializer(node.getInput(0)) ? node.getInput(0) : node.getInput(1);
    }

    /**
     * @param node a node with {@link #hasInitializerOperand an initializer operand}
     * @return its other operand (the second, when both are initializers)
     */
    public String otherOperand(NodeProto node) {
        return isInitializer(node.getInput(0)) ? node.getInput(1) : node.getInput(0);
    }
}
