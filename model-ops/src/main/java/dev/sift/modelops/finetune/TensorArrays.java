package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.sift.modelops.onnx.Tensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Conversions between ONNX tensors and DJL arrays, and between their data type codes. */
final class TensorArrays {

    private TensorArrays() {
    }

    /**
     * @param tensor an ONNX tensor (float, int64, int32 or bool)
     * @param manager the manager that owns the array
     * @return the array, of the tensor's shape (a scalar when it has no dims)
     */
    static NDArray toArray(TensorProto tensor, NDManager manager) {
        Shape shape = new Shape(Tensors.dims(tensor));
        return switch (TensorProto.DataType.forNumber(tensor.getDataType())) {
            case FLOAT -> manager.create(Tensors.toFloats(tensor), shape);
            case INT64 -> manager.create(Tensors.toLongs(tensor), shape);
            case INT32 -> manager.create(ints(tensor), shape);
            case BOOL -> manager.create(Tensors.toBytes(tensor), shape).toType(DataType.BOOLEAN, false);
            default -> throw new IllegalArgumentException("tensor " + tensor.getName() + " of type "
                    + TensorProto.DataType.forNumber(tensor.getDataType()) + " is not supported");
        };
    }

    private static int[] ints(TensorProto tensor) {
        if (!tensor.getRawData().isEmpty()) {
            ByteBuffer buffer = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            int[] out = new int[buffer.remaining() / Integer.BYTES];
            buffer.asIntBuffer().get(out);
            return out;
        }
        return tensor.getInt32DataList().stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param array a float array
     * @param name the initializer name
     * @return the initializer holding the array's values and shape
     */
    static TensorProto toFloatTensor(NDArray array, String name) {
        return Tensors.floats(name, array.getShape().getShape(), array.toFloatArray());
    }

    /**
     * @param onnxType an ONNX {@code TensorProto.DataType} number (a {@code Cast}'s {@code to})
     * @return the DJL data type
     */
    static DataType dataType(long onnxType) {
        return switch (TensorProto.DataType.forNumber((int) onnxType)) {
            case FLOAT -> DataType.FLOAT32;
            case DOUBLE -> DataType.FLOAT64;
            case INT64 -> DataType.INT64;
            case INT32 -> DataType.INT32;
            case BOOL -> DataType.BOOLEAN;
            default -> throw new IllegalArgumentException("cast to ONNX type " + onnxType + " is not supported");
        };
    }

    /**
     * @param array any array
     * @return whether it holds integers (shape arithmetic), not floats
     */
    static boolean isInteger(NDArray array) {
        return array.getDataType().isInteger();
    }
}
