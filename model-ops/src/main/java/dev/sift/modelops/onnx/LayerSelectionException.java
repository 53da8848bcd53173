package dev.sift.modelops.onnx;

/**
 * A choice of transformer layers that cannot be honoured: the choice itself is malformed, or the graph's layers cannot
 * be told apart. The {@link #reason()} says which, the message names the layer, tensor or count at fault.
 */
public final class LayerSelectionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why layers could not be kept. */
    public enum Reason {
        /** No layer chosen. */
        EMPTY,
        /** A layer index that is not a whole number. */
        NOT_AN_INDEX,
        /** The same layer chosen twice. */
        DUPLICATE,
        /** Layers not listed from the bottom up: a student keeps the teacher's order. */
        NOT_ASCENDING,
        /** A layer index below 0 or beyond the encoder's last layer. */
        OUT_OF_RANGE,
        /** The graph has no attention {@code Softmax}, so no layer to count. */
        NO_ATTENTION,
        /** The graph does not read {@code input_ids}, or its token states do not depend on them. */
        NO_TOKEN_PATH,
        /** Not one softmax per layer, or no single tensor carries everything from one layer into the next. */
        LAYERS_NOT_SEPARABLE,
        /** The token states are not the last layer's output (a final normalization after it, as in pre-LN). */
        OUTPUT_AFTER_LAST_LAYER,
        /** After the rewrite, a kept layer still reads tensors of a dropped one. */
        DROPPED_LAYER_STILL_READ
    }

    private final Reason reason;

    /**
     * @param reason why
     * @param message what, naming the layer, tensor or count at fault
     */
    public LayerSelectionException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why the layers could not be kept */
    public Reason reason() {
        return reason;
    }
}
