package dev.sift.modelops.dataset;

import java.util.Objects;

/**
 * One earlier turn of a dialogue, as context of a later one.
 *
 * @param speaker who said it
 * @param text what was said
 */
public record ContextTurn(Speaker speaker, String text) {

    /** Validates. */
    public ContextTurn {
        Objects.requireNonNull(speaker, "speaker");
        if (text == null) {
            throw new IllegalArgumentException("a context turn needs a text");
        }
    }
}
