package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import dev.sift.modelops.onnx.Nodes;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * ONNX operators executed with DJL arrays: the subset that exported BERT-family encoders (and the pooling the
 * project appends) are made of. Every operator is differentiable where ONNX Runtime computes in floats, so a graph
 * run through these operators can be trained; integer tensors (shapes, indices, masks) are computed on the side.
 *
 * <p>Semantics follow the ONNX operator specification for the graph's opset (attributes that became inputs in
 * opset 13 and 18 are read from either place). An operator outside the subset fails with its name, so a new export
 * fails loudly rather than computing something else.
 */
final class OnnxOperators {

    private final NDManager manager;
    private final long opset;

    /**
     * @param manager owns constants the operators create
     * @param opset the graph's default opset version
     */
    OnnxOperators(NDManager manager, long opset) {
        this.manager = manager;
        this.opset = opset;
    }

    /**
     * @param op an operator type
     * @return whether {@link #apply} executes it
     */
    static boolean supports(String op) {
        return SUPPORTED.contains(op);
    }

    private static final List<String> SUPPORTED = List.of("Identity", "Add", "Sub", "Mul", "Div", "Pow", "Sqrt",
            "Erf", "Relu", "Tanh", "Sigmoid", "Neg", "Reciprocal", "Max", "Min", "MatMul", "Gemm", "Softmax",
            "Transpose", "Reshape", "Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Slice", "Cast", "Constant",
            "ConstantOfShape", "Pad", "ReduceMean", "ReduceSum", "ReduceL2", "Equal", "Where", "Expand",
            "LayerNormalization", "Range");

    /**
     * Executes one node.
     *
     * @param node the node
     * @param in its inputs in order, null for an omitted optional input
     * @return its first output
     */
    NDArray apply(NodeProto node, NDArray[] in) {
        return switch (node.getOpType()) {
            case "Identity" -> in[0];
            case "Add" -> in[0].add(in[1]);
            case "Sub" -> in[0].sub(in[1]);
            case "Mul" -> in[0].mul(in[1]);
            case "Div" -> divide(in[0], in[1]);
            case "Pow" -> in[0].pow(in[1]);
            case "Sqrt" -> in[0].sqrt();
            case "Erf" -> in[0].erf();
            case "Relu" -> Activation.relu(in[0]);
            case "Tanh" -> in[0].tanh();
            case "Sigmoid" -> Activation.sigmoid(in[0]);
            case "Neg" -> in[0].neg();
            case "Reciprocal" -> in[0].pow(-1);
            case "Max" -> fold(in, NDArray::maximum);
            case "Min" -> fold(in, NDArray::minimum);
            case "MatMul" -> in[0].matMul(in[1]);
            case "Gemm" -> gemm(node, in);
            case "Softmax" -> softmax(node, in[0]);
            case "Transpose" -> transpose(node, in[0]);
            case "Reshape" -> reshape(in[0], in[1].toLongArray());
            case "Shape" -> shape(node, in[0]);
            case "Gather" -> gather(in[0], in[1], (int) Nodes.intAttribute(node, "axis", 0));
            case "Unsqueeze" -> unsqueeze(in[0], axes(node, in, 1).orElseThrow());
            case "Squeeze" -> squeeze(in[0], axes(node, in, 1));
            case "Concat" -> concat(node, in);
            case "Slice" -> slice(in);
            case "Cast" -> in[0].toType(TensorArrays.dataType(Nodes.intAttribute(node, "to", 1)), false);
            case "Constant" -> constant(node);
            case "ConstantOfShape" -> constantOfShape(node, in[0]);
            case "Pad" -> pad(node, in);
            case "ReduceMean" -> in[0].mean(reduced(node, in), keepDims(node));
            case "ReduceSum" -> in[0].sum(reduced(node, in), keepDims(node));
            case "ReduceL2" -> in[0].norm(reduced(node, in), keepDims(node));
            case "Equal" -> in[0].eq(in[1]);
            case "Where" -> NDArrays.where(in[0], in[1], in[2]);
            case "Expand" -> expand(in[0], in[1].toLongArray());
            case "LayerNormalization" -> layerNorm(node, in);
            case "Range" -> manager.arange(in[0].getLong(), in[1].getLong(), in[2].getLong(), in[0].getDataType());
            default -> throw new UnsupportedOperationException("ONNX operator " + node.getOpType() + " (node "
                    + node.getName() + ") is not supported by the fine-tuning module");
        };
    }

    private interface Binary {
        NDArray apply(NDArray a, NDArray b);
    }

    private static NDArray fold(NDArray[] in, Binary op) {
        NDArray out = in[0];
        for (int i = 1; i < in.length; i++) {
            out = op.apply(out, in[i]);
        }
        return out;
    }

    /** ONNX divides integers with truncation; shape arithmetic divides non-negative sizes, where it is the floor. */
    private static NDArray divide(NDArray a, NDArray b) {
        if (TensorArrays.isInteger(a) && TensorArrays.isInteger(b)) {
            DataType type = a.getDataType();
            return a.toType(DataType.FLOAT64, false).div(b.toType(DataType.FLOAT64, false)).floor()
                    .toType(type, false);
        }
        return a.div(b);
    }

    private static NDArray gemm(NodeProto node, NDArray[] in) {
        NDArray a = Nodes.intAttribute(node, "transA", 0) == 1 ? in[0].transpose() : in[0];
        NDArray b = Nodes.intAttribute(node, "transB", 0) == 1 ? in[1].transpose() : in[1];
        float alpha = Nodes.attribute(node, "alpha").map(AttributeProto::getF).orElse(1f);
        float beta = Nodes.attribute(node, "beta").map(AttributeProto::getF).orElse(1f);
        NDArray product = a.matMul(b);
        if (alpha != 1f) {
            product = product.mul(alpha);
        }
        if (in.length > 2 && in[2] != null) {
            product = product.add(beta == 1f ? in[2] : in[2].mul(beta));
        }
        return product;
    }

    private NDArray softmax(NodeProto node, NDArray x) {
        int rank = x.getShape().dimension();
        int axis = axis(Nodes.intAttribute(node, "axis", opset >= 13 ? -1 : 1), rank);
        if (opset < 13 && axis != rank - 1) {
            // Before opset 13 Softmax flattened every axis from `axis` on; encoders only use the last axis.
            throw new UnsupportedOperationException("Softmax over axes " + axis + ".. of a rank-" + rank
                    + " tensor (opset " + opset + ") is not supported");
        }
        return x.softmax(axis);
    }

    private static NDArray transpose(NodeProto node, NDArray x) {
        Optional<AttributeProto> perm = Nodes.attribute(node, "perm");
        if (perm.isEmpty()) {
            return x.transpose();
        }
        return x.transpose(perm.get().getIntsList().stream().mapToInt(Long::intValue).toArray());
    }

    /** A 0 keeps the input's dimension (ONNX's default {@code allowzero=0}); -1 is inferred. */
    private static NDArray reshape(NDArray x, long[] target) {
        long[] dims = x.getShape().getShape();
        long[] shape = target.clone();
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                shape[i] = dims[i];
            }
        }
        return x.reshape(shape);
    }

    private NDArray shape(NodeProto node, NDArray x) {
        long[] dims = x.getShape().getShape();
        int rank = dims.length;
        int start = (int) Math.max(0, Math.min(rank, normalizeOpen(Nodes.intAttribute(node, "start", 0), rank)));
        int end = (int) Math.max(0, Math.min(rank, normalizeOpen(Nodes.intAttribute(node, "end", rank), rank)));
        return manager.create(Arrays.copyOfRange(dims, start, Math.max(start, end)));
    }

    /**
     * ONNX Gather: {@code out.shape = data.shape[:axis] + indices.shape + data.shape[axis+1:]}, negative indices
     * counting from the end. Taken along the first axis (differentiable with respect to the data, which is how
     * embedding tables learn), with the axis moved there and back.
     */
    private static NDArray gather(NDArray data, NDArray indices, int axisAttribute) {
        long[] dataDims = data.getShape().getShape();
        int axis = axis(axisAttribute, dataDims.length);
        long size = dataDims[axis];
        long[] indexDims = indices.getShape().getShape();
        NDArray flat = indices.toType(DataType.INT64, false).reshape(-1);
        flat = flat.add(flat.lt(0).toType(DataType.INT64, false).mul(size));
        NDArray front = data;
        if (axis != 0) {
            int[] perm = new int[dataDims.length];
            perm[0] = axis;
            for (int i = 0, j = 1; i < dataDims.length; i++) {
                if (i != axis) {
                    perm[j++] = i;
                }
            }
            front = data.transpose(perm);
        }
        NDArray taken = front.get(new NDIndex("{}", flat));
        long[] rest = Arrays.copyOfRange(front.getShape().getShape(), 1, dataDims.length);
        long[] shape = new long[indexDims.length + rest.length];
        System.arraycopy(indexDims, 0, shape, 0, indexDims.length);
        System.arraycopy(rest, 0, shape, indexDims.length, rest.length);
        NDArray out = taken.reshape(shape);
        if (axis == 0) {
            return out;
        }
        // out is [indices..., data dims before axis..., data dims after axis...]: put the dims before axis first.
        int k = indexDims.length;
        int[] perm = new int[shape.length];
        int p = 0;
        for (int i = 0; i < axis; i++) {
            perm[p++] = k + i;
        }
        for (int i = 0; i < k; i++) {
            perm[p++] = i;
        }
        for (int i = k + axis; i < shape.length; i++) {
            perm[p++] = i;
        }
        return out.transpose(perm);
    }

    /** Axes from the attribute (before opset 13, or 18 for reductions) or from the given input. */
    private static Optional<long[]> axes(NodeProto node, NDArray[] in, int input) {
        Optional<AttributeProto> attribute = Nodes.attribute(node, "axes");
        if (attribute.isPresent()) {
            return Optional.of(attribute.get().getIntsList().stream().mapToLong(Long::longValue).toArray());
        }
        if (in.length > input && in[input] != null) {
            return Optional.of(in[input].toLongArray());
        }
        return Optional.empty();
    }

    private static NDArray unsqueeze(NDArray x, long[] axes) {
        int rank = x.getShape().dimension() + axes.length;
        int[] sorted = Arrays.stream(axes).mapToInt(a -> axis(a, rank)).sorted().toArray();
        NDArray out = x;
        for (int a : sorted) {
            out = out.expandDims(a);
        }
        return out;
    }

    private static NDArray squeeze(NDArray x, Optional<long[]> axes) {
        if (axes.isEmpty()) {
            return x.squeeze();
        }
        int rank = x.getShape().dimension();
        return x.squeeze(Arrays.stream(axes.get()).mapToInt(a -> axis(a, rank)).toArray());
    }

    private static NDArray concat(NodeProto node, NDArray[] in) {
        int axis = axis(Nodes.intAttribute(node, "axis", 0), in[0].getShape().dimension());
        return NDArrays.concat(new NDList(in), axis);
    }

    /**
     * Slice (opset 10+): starts, ends, optional axes and steps as inputs. A negative step (exports reverse pad lists
     * with one) walks down from the start, gathering those positions.
     */
    private NDArray slice(NDArray[] in) {
        NDArray x = in[0];
        long[] dims = x.getShape().getShape();
        long[] starts = in[1].toLongArray();
        long[] ends = in[2].toLongArray();
        long[] axes = in.length > 3 && in[3] != null ? in[3].toLongArray() : null;
        long[] steps = in.length > 4 && in[4] != null ? in[4].toLongArray() : null;
        long[][] ranges = new long[dims.length][];
        List<long[]> reversed = new java.util.ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            int axis = axes == null ? i : axis(axes[i], dims.length);
            long step = steps == null ? 1 : steps[i];
            long dim = dims[axis];
            if (step > 0) {
                long start = clamp(normalizeOpen(starts[i], dim), 0, dim);
                long end = clamp(normalizeOpen(ends[i], dim), 0, dim);
                ranges[axis] = new long[] {start, Math.max(start, end), step};
            } else if (step < 0) {
                long start = clamp(normalizeOpen(starts[i], dim), 0, dim - 1);
                long end = clamp(normalizeOpen(ends[i], dim), -1, dim - 1);
                reversed.add(new long[] {axis, start, end, step});
            } else {
                throw new IllegalArgumentException("Slice with step 0");
            }
        }
        NDIndex index = new NDIndex();
        for (long[] range : ranges) {
            if (range == null) {
                index.addAllDim();
            } else {
                index.addSliceDim(range[0], range[1], range[2]);
            }
        }
        NDArray out = x.get(index);
        for (long[] walk : reversed) {
            List<Long> positions = new java.util.ArrayList<>();
            for (long p = walk[1]; p > walk[2]; p += walk[3]) {
                positions.add(p);
            }
            out = gather(out, manager.create(positions.stream().mapToLong(Long::longValue).toArray()),
                    (int) walk[0]);
        }
        return out;
    }

    private NDArray constant(NodeProto node) {
        for (AttributeProto attribute : node.getAttributeList()) {
            switch (attribute.getName()) {
                case "value":
                    return TensorArrays.toArray(attribute.getT(), manager);
                case "value_float":
                    return manager.create(attribute.getF());
                case "value_int":
                    return manager.create(attribute.getI());
                case "value_floats":
                    return manager.create(toFloats(attribute.getFloatsList()));
                case "value_ints":
                    return manager.create(attribute.getIntsList().stream().mapToLong(Long::longValue).toArray());
                default:
                    break;
            }
        }
        throw new UnsupportedOperationException("Constant node " + node.getName() + " has no supported value");
    }

    private static float[] toFloats(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private NDArray constantOfShape(NodeProto node, NDArray shape) {
        Shape dims = new Shape(shape.toLongArray());
        Optional<AttributeProto> value = Nodes.attribute(node, "value");
        if (value.isEmpty()) {
            return manager.zeros(dims, DataType.FLOAT32);
        }
        NDArray one = TensorArrays.toArray(value.get().getT(), manager);
        return manager.zeros(dims, one.getDataType()).add(one.reshape(new Shape()));
    }

    /** Constant padding (opset 11+: pads as an input), negative pads crop. */
    private NDArray pad(NodeProto node, NDArray[] in) {
        String mode = Nodes.attribute(node, "mode").map(a -> a.getS().toStringUtf8()).orElse("constant");
        if (!mode.equals("constant")) {
            throw new UnsupportedOperationException("Pad mode " + mode + " is not supported");
        }
        long[] pads = in.length > 1 && in[1] != null ? in[1].toLongArray()
                : Nodes.attribute(node, "pads").orElseThrow().getIntsList().stream().mapToLong(Long::longValue)
                        .toArray();
        NDArray fill = in.length > 2 && in[2] != null ? in[2] : null;
        NDArray out = in[0];
        int rank = out.getShape().dimension();
        for (int axis = 0; axis < rank; axis++) {
            out = padAxis(out, axis, pads[axis], true, fill);
            out = padAxis(out, axis, pads[axis + rank], false, fill);
        }
        return out;
    }

    private NDArray padAxis(NDArray x, int axis, long amount, boolean before, NDArray fill) {
        if (amount == 0) {
            return x;
        }
        long[] dims = x.getShape().getShape();
        if (amount < 0) {
            long start = before ? -amount : 0;
            long end = before ? dims[axis] : dims[axis] + amount;
            return x.get(NDIndex.sliceAxis(axis, start, end));
        }
        long[] padDims = dims.clone();
        padDims[axis] = amount;
        NDArray block = manager.zeros(new Shape(padDims), x.getDataType());
        if (fill != null) {
            block = block.add(fill.reshape(new Shape()));
        }
        return before ? block.concat(x, axis) : x.concat(block, axis);
    }

    private static int[] reduced(NodeProto node, NDArray[] in) {
        int rank = in[0].getShape().dimension();
        Optional<long[]> axes = axes(node, in, 1);
        if (axes.isEmpty() || axes.get().length == 0) {
            int[] all = new int[rank];
            Arrays.setAll(all, i -> i);
            return all;
        }
        return Arrays.stream(axes.get()).mapToInt(a -> axis(a, rank)).toArray();
    }

    private static boolean keepDims(NodeProto node) {
        return Nodes.intAttribute(node, "keepdims", 1) == 1;
    }

    /** ONNX Expand broadcasts both ways: the result has the larger of each pair of dimensions. */
    private static NDArray expand(NDArray x, long[] target) {
        long[] dims = x.getShape().getShape();
        int rank = Math.max(dims.length, target.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long a = i - (rank - dims.length) >= 0 ? dims[i - (rank - dims.length)] : 1;
            long b = i - (rank - target.length) >= 0 ? target[i - (rank - target.length)] : 1;
            out[i] = Math.max(a, b);
        }
        return x.broadcast(new Shape(out));
    }

    private static NDArray layerNorm(NodeProto node, NDArray[] in) {
        NDArray x = in[0];
        int rank = x.getShape().dimension();
        int from = axis(Nodes.intAttribute(node, "axis", -1), rank);
        float epsilon = Nodes.attribute(node, "epsilon").map(AttributeProto::getF).orElse(1e-5f);
        int[] axes = new int[rank - from];
        Arrays.setAll(axes, i -> from + i);
        NDArray centered = x.sub(x.mean(axes, true));
        NDArray variance = centered.mul(centered).mean(axes, true);
        NDArray out = centered.div(variance.add(epsilon).sqrt()).mul(in[1]);
        return in.length > 2 && in[2] != null ? out.add(in[2]) : out;
    }

    private static int axis(long axis, int rank) {
        int normalized = (int) (axis < 0 ? axis + rank : axis);
        if (normalized < 0 || normalized >= Math.max(rank, 1)) {
            throw new IllegalArgumentException("axis " + axis + " out of range for rank " + rank);
        }
        return normalized;
    }

    private static long normalizeOpen(long index, long size) {
        return index < 0 ? index + size : index;
    }

    private static long clamp(long index, long low, long high) {
        return Math.max(low, Math.min(high, index));
    }
}
