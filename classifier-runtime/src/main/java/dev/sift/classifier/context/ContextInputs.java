package dev.sift.classifier.context;

import java.util.List;

/**
 * What a context-aware model reads besides the turn's tokens: the slots, in graph order, each an embedding of the
 * model's own width.
 *
 * @param slots the context slots, each a graph input {@link ContextSlot#inputName()}
 * @param width the model's embedding width
 */
public record ContextInputs(List<ContextSlot> slots, int width) {

    /** Validates and copies. */
    public ContextInputs {
        slots = List.copyOf(slots);
        if (slots.isEmpty() || slots.size() != slots.stream().distinct().count()) {
            throw new IllegalArgumentException("a context-aware model reads one or more distinct slots, got " + slots);
        }
        if (width < 1) {
            throw new IllegalArgumentException("an embedding width must be positive, got " + width);
        }
    }

    /** @return the memory of a thread with no turns yet, for this model */
    public ThreadMemory emptyMemory() {
        return ThreadMemory.empty(width);
    }
}
