package dev.sift.modelops.benchmark;

/**
 * How a turn's feature row is put together from its own embedding and its context's. A missing context turn (the
 * first turn of a dialogue) contributes zeros, so every row of a design has the same width.
 */
public enum ContextDesign {
    /** The turn's embedding alone: what a context-blind filter sees. */
    TURN("turn alone", 1),
    /** [turn; previous system turn]. */
    TURN_SYSTEM("turn + previous system turn", 2),
    /** [turn; previous system turn; previous user turn]. */
    TURN_SYSTEM_USER("turn + previous system + previous user turn", 3),
    /**
     * [turn; previous system turn; previous user turn; mean of all the dialogue's earlier user turns]: the active
     * intent is usually stated once, often turns before, and carried on by short turns; the mean keeps that statement
     * in view after the window of one exchange has moved past it.
     */
    TURN_SYSTEM_USER_HISTORY("turn + previous system + previous user + mean of earlier user turns", 4);

    private final String description;
    private final int blocks;

    ContextDesign(String description, int blocks) {
        this.description = description;
        this.blocks = blocks;
    }

    /** @return a human-readable description for reports */
    public String description() {
        return description;
    }

    /** @return how many embeddings wide a row is */
    public int blocks() {
        return blocks;
    }
}
