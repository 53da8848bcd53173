package dev.sift.classifier.context;

import java.util.Objects;

/**
 * One turn of a conversation as text: who said it and what.
 *
 * @param role which side said it
 * @param text what was said
 */
public record SpokenTurn(TurnRole role, String text) {

    /** Validates. */
    public SpokenTurn {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(text, "text");
    }
}
