package dev.sift.modelops.finetune;

import ai.djl.ndarray.NDArray;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.sift.modelops.onnx.OnnxGraph;
import dev.sift.modelops.onnx.Tensors;
import java.util.Arrays;
import java.util.Map;

/**
 * Puts a module's trained weights back into the encoder graph it was built from: each initializer of the same name is
 * replaced by the trained values. The graph's nodes are untouched, so everything downstream (pooling, head fusion,
 * pruning, INT8 search, bundle writing) reads it as it read the original.
 */
public final class WeightWriteBack {

    private WeightWriteBack() {
    }

    /**
     * @param module the trained module
     * @param encoder the encoder graph the module was built from (or a copy of it); modified in place
     * @return number of initializers replaced
     * @throws IllegalArgumentException when a weight has no initializer of that name and shape in the graph
     */
    public static int write(OnnxModule module, OnnxGraph encoder) {
        Map<String, TensorProto> initializers = encoder.initializers();
        int replaced = 0;
        for (Map.Entry<String, NDArray> weight : module.weights().entrySet()) {
            TensorProto original = initializers.get(weight.getKey());
            if (original == null) {
                // Weights of the appended pooling are not in the encoder graph; the encoder's are.
                throw new IllegalArgumentException("the graph has no initializer " + weight.getKey());
            }
            long[] shape = weight.getValue().getShape().getShape();
            if (!Arrays.equals(shape, Tensors.dims(original))) {
                throw new IllegalArgumentException("initializer " + weight.getKey() + " has shape "
                        + Arrays.toString(Tensors.dims(original)) + ", the trained weight " + Arrays.toString(shape));
            }
            encoder.putInitializer(TensorArrays.toFloatTensor(weight.getValue(), weight.getKey()));
            replaced++;
        }
        encoder.checkOrThrow("writing fine-tuned weights");
        return replaced;
    }
}
