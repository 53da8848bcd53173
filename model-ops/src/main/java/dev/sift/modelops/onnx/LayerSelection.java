package dev.sift.modelops.onnx;

import dev.sift.modelops.onnx.LayerSelectionException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Which transformer layers of an encoder a smaller student keeps, by index from the bottom (0: the layer that reads
 * the embeddings), ascending and without repeats. The first N layers are the usual student; every other layer
 * ({@code 0,2,4}) spreads the teacher's depth over the student's and often starts it closer to the teacher.
 *
 * @param layers the kept indexes, ascending
 */
public record LayerSelection(List<Integer> layers) {

    /** Checks the choice; the encoder's own layer count is checked by {@link #checkWithin(int)}. */
    public LayerSelection {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new LayerSelectionException(Reason.EMPTY, "keep at least one layer");
        }
        for (int i = 0; i < layers.size(); i++) {
            int layer = layers.get(i);
            if (layer < 0) {
                throw new LayerSelectionException(Reason.OUT_OF_RANGE, "layer " + layer + " does not exist: layers"
                        + " are numbered from 0");
            }
            if (i > 0 && layer == layers.get(i - 1)) {
                throw new LayerSelectionException(Reason.DUPLICATE, "layer " + layer + " is chosen twice in "
                        + describe(layers));
            }
            if (i > 0 && layer < layers.get(i - 1)) {
                throw new LayerSelectionException(Reason.NOT_ASCENDING, "layers must be listed from the bottom up,"
                        + " got " + describe(layers));
            }
        }
    }

    /**
     * @param count how many layers, from the bottom
     * @return layers {@code 0..count-1}
     */
    public static LayerSelection first(int count) {
        if (count < 1) {
            throw new LayerSelectionException(Reason.EMPTY, "keep at least one layer, got " + count);
        }
        return new LayerSelection(IntStream.range(0, count).boxed().toList());
    }

    /**
     * @param list comma-separated indexes, e.g. {@code 0,2,4}
     * @return the selection
     */
    public static LayerSelection parse(String list) {
        List<Integer> layers = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            try {
                layers.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new LayerSelectionException(Reason.NOT_AN_INDEX, "'" + part.strip() + "' in '" + list
                        + "' is not a layer index");
            }
        }
        return new LayerSelection(layers);
    }

    /**
     * @param count the encoder's number of layers
     * @throws LayerSelectionException when a chosen layer is beyond the last one
     */
    public void checkWithin(int count) {
        int deepest = layers.get(layers.size() - 1);
        if (deepest >= count) {
            throw new LayerSelectionException(Reason.OUT_OF_RANGE, "layer " + deepest + " does not exist: the encoder"
                    + " has " + count + " layers (0.." + (count - 1) + ")");
        }
    }

    /** @return how many layers are kept */
    public int size() {
        return layers.size();
    }

    /**
     * How many of the student's last layers its pooling averages. An encoder pooled over its last k layers keeps
     * averaging the last k of the student's layers, or all of them when it keeps fewer: the averaged states stay the
     * top of the network, as they were in the teacher.
     *
     * @param pooled how many last layers the full encoder's pooling averages
     * @return {@code min(pooled, kept)}
     */
    public int pooledLayers(int pooled) {
        return Math.min(pooled, layers.size());
    }

    /**
     * @param count the encoder's number of layers
     * @return whether every layer is kept
     */
    public boolean keepsAll(int count) {
        return layers.size() == count;
    }

    /** @return the indexes as {@code 0,2,4}, the form {@link #parse} reads */
    @Override
    public String toString() {
        return describe(layers);
    }

    private static String describe(List<Integer> layers) {
        return layers.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
