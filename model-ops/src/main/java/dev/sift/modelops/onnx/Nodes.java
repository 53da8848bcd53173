package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Building ONNX nodes and reading their attributes. */
public final class Nodes {

    private Nodes() {
    }

    /**
     * @param op operator type
     * @param name node name
     * @param inputs input tensor names ("" for an omitted optional input)
     * @param outputs output tensor names
     * @param attributes attributes from {@link #intAttr}, {@link #intsAttr}, {@link #floatAttr}
     * @return the node
     */
    public static NodeProto node(String op, String name, List<String> inputs, List<String> outputs,
            AttributeProto... attributes) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(inputs).addAllOutput(outputs)
                .addAllAttribute(Arrays.asList(attributes)).build();
    }

    /**
     * @param name attribute name
     * @param value integer value
     * @return the attribute
     */
    public static AttributeProto intAttr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    /**
     * @param name attribute name
     * @param values integer values
     * @return the attribute
     */
    public static AttributeProto intsAttr(String name, long... values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS)
                .addAllInts(Arrays.stream(values).boxed().toList()).build();
    }

    /**
     * @param name attribute name
     * @param value float value
     * @return the attribute
     */
    public static AttributeProto floatAttr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build();
    }

    /**
     * @param node a node
     * @param name attribute name
     * @return the attribute, if set
     */
    public static Optional<AttributeProto> attribute(NodeProto node, String name) {
        return node.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    /**
     * @param node a node
     * @param name an integer attribute
     * @param fallback value when absent
     * @return the attribute value
     */
    public static long intAttribute(NodeProto node, String name, long fallback) {
        return attribute(node, name).map(AttributeProto::getI).orElse(fallback);
    }
}
