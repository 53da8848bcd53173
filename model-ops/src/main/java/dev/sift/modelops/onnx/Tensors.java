package dev.sift.modelops.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Reading and writing ONNX tensor protos (little-endian raw data, as ONNX specifies). */
public final class Tensors {

    private Tensors() {
    }

    /**
     * @param name initializer name
     * @param dims shape
     * @param values row-major values
     * @return a float tensor
     */
    public static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return raw(name, DataType.FLOAT, dims, values.length, buffer.array());
    }

    /**
     * @param name initializer name
     * @param dims shape
     * @param values row-major values
     * @return an int64 tensor
     */
    public static TensorProto longs(String name, long[] dims, long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return raw(name, DataType.INT64, dims, values.length, buffer.array());
    }

    /**
     * @param name initializer name
     * @param dims shape
     * @param values row-major values
     * @param signed int8 when true, uint8 otherwise
     * @return an 8-bit integer tensor
     */
    public static TensorProto bytes(String name, long[] dims, byte[] values, boolean signed) {
        return raw(name, signed ? DataType.INT8 : DataType.UINT8, dims, values.length, values);
    }

    /**
     * @param name initializer name
     * @param value the scalar
     * @return a float scalar (rank 0)
     */
    public static TensorProto floatScalar(String name, float value) {
        return floats(name, new long[0], new float[] {value});
    }

    /**
     * @param tensor a float tensor, raw or typed storage
     * @return its values, row-major
     */
    public static float[] toFloats(TensorProto tensor) {
        requireType(tensor, DataType.FLOAT);
        if (!tensor.getRawData().isEmpty()) {
            ByteBuffer buffer = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[buffer.remaining() / Float.BYTES];
            buffer.asFloatBuffer().get(out);
            return out;
        }
        float[] out = new float[tensor.getFloatDataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = tensor.getFloatData(i);
        }
        return out;
    }

    /**
     * @param tensor an int64 tensor, raw or typed storage
     * @return its values, row-major
     */
    public static long[] toLongs(TensorProto tensor) {
        requireType(tensor, DataType.INT64);
        if (!tensor.getRawData().isEmpty()) {
            ByteBuffer buffer = tensor.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            long[] out = new long[buffer.remaining() / Long.BYTES];
            buffer.asLongBuffer().get(out);
            return out;
        }
        return tensor.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * @param tensor an int8 or uint8 tensor
     * @return its raw bytes
     */
    public static byte[] toBytes(TensorProto tensor) {
        if (!tensor.getRawData().isEmpty()) {
            return tensor.getRawData().toByteArray();
        }
        byte[] out = new byte[tensor.getInt32DataCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) tensor.getInt32Data(i);
        }
        return out;
    }

    /**
     * @param tensor any tensor
     * @return its shape
     */
    public static long[] dims(TensorProto tensor) {
        return tensor.getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * @param tensor any tensor
     * @return number of elements
     */
    public static long elementCount(TensorProto tensor) {
        long n = 1;
        for (long d : tensor.getDimsList()) {
            n *= d;
        }
        return n;
    }

    /**
     * @param dataType an ONNX data type number
     * @return bytes per element, 0 when not a fixed-size numeric type
     */
    public static int elementBytes(int dataType) {
        return switch (DataType.forNumber(dataType)) {
            case FLOAT, INT32, UINT32 -> 4;
            case DOUBLE, INT64, UINT64 -> 8;
            case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
            case INT8, UINT8, BOOL -> 1;
            default -> 0;
        };
    }

    /** A tensor of {@code count} values of the type, stored as little-endian raw data. */
    private static TensorProto raw(String name, DataType type, long[] dims, int count, byte[] data) {
        checkSize(name, dims, count);
        return TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .addAllDims(Arrays.stream(dims).boxed().toList())
                .setRawData(ByteString.copyFrom(data)).build();
    }

    private static void requireType(TensorProto tensor, DataType type) {
        if (tensor.getDataType() != type.getNumber()) {
            throw new IllegalArgumentException("tensor " + tensor.getName() + " is "
                    + DataType.forNumber(tensor.getDataType()) + ", expected " + type);
        }
    }

    private static void checkSize(String name, long[] dims, int length) {
        long expected = 1;
        for (long d : dims) {
            expected *= d;
        }
        if (expected != length) {
            throw new IllegalArgumentException("tensor " + name + ": shape " + Arrays.toString(dims) + " holds "
                    + expected + " values, got " + length);
        }
    }
}
