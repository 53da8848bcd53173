package dev.sift.modelops.learning;

import dev.sift.schema.RequestKind;
import java.util.List;

/**
 * What a forwarded or audit request contributes to an example: the snippet's text, and what the model said of it.
 *
 * @param snippetId the snippet
 * @param text its text (cut to {@code max-text-chars})
 * @param kind {@code FORWARD} or {@code AUDIT}
 * @param modelIntents the intents the model matched (at or above their threshold), sorted
 * @param modelVersion the model that decided
 */
public record RequestText(String snippetId, String text, RequestKind kind, List<String> modelIntents,
        String modelVersion) {

    /** Copies the intents. */
    public RequestText {
        modelIntents = List.copyOf(modelIntents);
    }
}
