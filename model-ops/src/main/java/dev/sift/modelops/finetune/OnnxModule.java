package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Pooling;
import dev.sift.modelops.onnx.SentenceEmbeddingGraph;
import dev.sift.modelops.onnx.Tensors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A DJL module (PyTorch engine) that computes an encoder graph's sentence embedding: the graph with the project's
 * pooling and normalization appended ({@link SentenceEmbeddingGraph}), executed node by node with DJL operators.
 * Its weights, the float initializers of the graph holding more than one value (weight matrices, biases, embedding
 * tables, normalization scales and shifts), are DJL parameters that train; scalars (epsilons, scales, mask fill
 * values) and integer tensors stay constants of the graph.
 *
 * <p>Parameters keep their initializer names, which is how {@link WeightWriteBack} puts them back into the graph.
 * Inputs are the graph's inputs ({@link #inputNames()}), in that order; the output is {@code [batch, hidden]}.
 */
public final class OnnxModule extends AbstractBlock {

    private final OnnxGraph sentenceGraph;
    private final List<String> inputNames;
    private final int hidden;
    private final OnnxOperators operators;
    private final Map<String, Parameter> weights = new LinkedHashMap<>();
    private final Map<String, NDArray> constants = new HashMap<>();
    private final List<NodeProto> nodes = new ArrayList<>();

    private OnnxModule(OnnxGraph sentenceGraph, int hidden, NDManager manager) {
        this.sentenceGraph = sentenceGraph;
        this.inputNames = sentenceGraph.inputNames();
        this.hidden = hidden;
        this.operators = new OnnxOperators(manager, sentenceGraph.opset());
        for (TensorProto initializer : sentenceGraph.initializers().values()) {
            NDArray array = TensorArrays.toArray(initializer, manager);
            if (isWeight(initializer)) {
                array.setRequiresGradient(true);
                Parameter parameter = Parameter.builder().setName(initializer.getName())
                        .setType(Parameter.Type.WEIGHT).optShape(array.getShape()).optArray(array).build();
                weights.put(initializer.getName(), addParameter(parameter));
            } else {
                constants.put(initializer.getName(), array);
            }
        }
        for (NodeProto node : sentenceGraph.nodes()) {
            if (node.getOpType().equals("Constant")) {
                constants.put(node.getOutput(0), operators.apply(node, new NDArray[0]));
            } else {
                nodes.add(node);
            }
        }
    }

    /**
     * Builds the module of an encoder graph.
     *
     * @param encoder an encoder graph (output {@code [batch, seq, hidden]}); not modified
     * @param pooling how its token states are pooled
     * @param layers how many of the last layers are pooled and averaged
     * @param manager owns the parameters and constants
     * @return the module, its parameters holding the graph's weights
     * @throws UnsupportedOperationException when the graph uses an operator the module cannot execute
     */
    public static OnnxModule of(OnnxGraph encoder, Pooling pooling, int layers, NDManager manager) {
        OnnxGraph graph = encoder.copy();
        int hidden = SentenceEmbeddingGraph.append(graph, pooling, layers);
        TreeSet<String> unsupported = new TreeSet<>();
        graph.nodes().stream().map(NodeProto::getOpType).filter(op -> !OnnxOperators.supports(op))
                .forEach(unsupported::add);
        if (!unsupported.isEmpty()) {
            throw new UnsupportedOperationException("the encoder uses ONNX operators the fine-tuning module does not"
                    + " execute: " + unsupported);
        }
        return new OnnxModule(graph, hidden, manager);
    }

    /** The weights train; a single value is a constant of the computation (an epsilon, a scale, a fill value). */
    private static boolean isWeight(TensorProto initializer) {
        return initializer.getDataType() == TensorProto.DataType.FLOAT_VALUE && Tensors.elementCount(initializer) > 1;
    }

    /** @return the names of the inputs {@link #forward} takes, in order */
    public List<String> inputNames() {
        return inputNames;
    }

    /** @return the embedding width */
    public int hiddenSize() {
        return hidden;
    }

    /** @return the trainable weights by initializer name, in graph order (live arrays: they change as it trains) */
    public Map<String, NDArray> weights() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        weights.forEach((name, parameter) -> out.put(name, parameter.getArray()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The word embedding table: the weight gathered by the token ids.
     *
     * @return its initializer name, when the graph has one
     */
    public java.util.Optional<String> wordEmbeddings() {
        return nodes.stream().filter(n -> n.getOpType().equals("Gather") && n.getInputCount() == 2
                        && n.getInput(1).equals("input_ids") && weights.containsKey(n.getInput(0)))
                .map(n -> n.getInput(0)).findFirst();
    }

    /**
     * Stops a weight from training (it keeps its value and computes no gradient).
     *
     * @param name the weight's initializer name
     */
    public void freeze(String name) {
        Parameter parameter = weights.get(name);
        if (parameter == null) {
            throw new IllegalArgumentException("no weight " + name);
        }
        parameter.freeze(true);
    }

    /**
     * @return each weight's depth in attention layers, read from the graph's structure: what layer-wise learning-rate
     *     decay scales by
     */
    AttentionDepths attentionDepths() {
        return AttentionDepths.of(nodes, weights.keySet());
    }

    /** @return number of trainable values */
    public long weightCount() {
        return weights.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
            PairList<String, Object> params) {
        if (inputs.size() != inputNames.size()) {
            throw new IllegalArgumentException("the module takes " + inputNames + ", got " + inputs.size()
                    + " arrays");
        }
        Map<String, NDArray> values = new HashMap<>(constants);
        weights.forEach((name, parameter) -> values.put(name, parameter.getArray()));
        for (int i = 0; i < inputNames.size(); i++) {
            values.put(inputNames.get(i), inputs.get(i));
        }
        for (NodeProto node : nodes) {
            NDArray[] in = new NDArray[node.getInputCount()];
            for (int i = 0; i < in.length; i++) {
                String name = node.getInput(i);
                in[i] = name.isEmpty() ? null : values.get(name);
            }
            values.put(node.getOutput(0), operators.apply(node, in));
        }
        return new NDList(values.get(SentenceEmbeddingGraph.OUTPUT));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), hidden)};
    }

    @Override
    public String toString() {
        return "OnnxModule(" + nodes.size() + " nodes, " + weights.size() + " weights, hidden " + hidden + ")";
    }
}
