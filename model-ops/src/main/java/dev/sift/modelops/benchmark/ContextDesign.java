package dev.sift.modelops.benchmark;

import dev.sift.classifier.context.ContextSlot;
import java.util.List;

/**
 * How a turn's feature row is put together: its own embedding, then the {@link ContextSlot}s of the thread's memory
 * ({@code ThreadMemory.features(slots)}, exactly what a context-aware bundle's graph reads). A slot with nothing to
 * hold (the first turn of a dialogue) is zeros, so every row of a design has the same width.
 */
public enum ContextDesign {
    /** The turn's embedding alone: what a context-blind filter sees. */
    TURN("turn alone", List.of()),
    /** [turn; previous system turn]. */
    TURN_SYSTEM("turn + previous system turn", List.of(ContextSlot.PREVIOUS_SERVICE_TURN)),
    /** [turn; previous system turn; previous user turn]. */
    TURN_SYSTEM_USER("turn + previous system + previous user turn", List.of(ContextSlot.PREVIOUS_SERVICE_TURN,
            ContextSlot.PREVIOUS_CUSTOMER_TURN)),
    /**
     * [turn; previous system turn; previous user turn; mean of all the dialogue's earlier user turns]: the active
     * intent is usually stated once, often turns before, and carried on by short turns; the mean keeps that statement
     * in view after the window of one exchange has moved past it.
     */
    TURN_SYSTEM_USER_HISTORY("turn + previous system + previous user + mean of earlier user turns",
            List.of(ContextSlot.PREVIOUS_SERVICE_TURN, ContextSlot.PREVIOUS_CUSTOMER_TURN,
                    ContextSlot.EARLIER_CUSTOMER_MEAN)),
    /**
     * The history design and the mean of the dialogue's earlier system turns: the service's questions and offers
     * name the task the user's short answers are about. Every slot: what {@code train --context} trains.
     */
    TURN_SYSTEM_USER_HISTORY_SERVICE("turn + previous system + previous user + mean of earlier user turns + mean of"
            + " earlier system turns", List.of(ContextSlot.PREVIOUS_SERVICE_TURN, ContextSlot.PREVIOUS_CUSTOMER_TURN,
                    ContextSlot.EARLIER_CUSTOMER_MEAN, ContextSlot.EARLIER_SERVICE_MEAN));

    private final String description;
    private final List<ContextSlot> slots;

    ContextDesign(String description, List<ContextSlot> slots) {
        this.description = description;
        this.slots = slots;
    }

    /** @return a human-readable description for reports */
    public String description() {
        return description;
    }

    /** @return the context slots appended to the turn, in order */
    public List<ContextSlot> slots() {
        return slots;
    }

    /** @return how many embeddings wide a row is */
    public int blocks() {
        return 1 + slots.size();
    }
}
