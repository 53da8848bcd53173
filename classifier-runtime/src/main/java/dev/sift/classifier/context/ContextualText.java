package dev.sift.classifier.context;

import java.util.Objects;

/**
 * A text to score with the memory of the thread it was said in.
 *
 * @param text the turn's text
 * @param memory what the thread's earlier turns contribute; {@link ThreadMemory#empty} for a first turn
 */
public record ContextualText(String text, ThreadMemory memory) {

    /** Validates. */
    public ContextualText {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(memory, "memory");
    }
}
