package dev.sift.modelops.learning;

import dev.sift.schema.LabelOrigin;
import java.util.List;

/**
 * One validated label of a snippet, as the feedback topic carried it.
 *
 * @param snippetId the snippet
 * @param intents canonical intent names, sorted, once each; empty means irrelevant
 * @param polarity {@code negative}, {@code neutral}, {@code positive}, or null when not labeled
 * @param brand the brand the polarity is about, or null
 * @param origin who labeled
 * @param labeler which labeler (model name, reviewer id, rule name)
 * @param labeledAt when, in epoch milliseconds
 */
public record SnippetLabel(String snippetId, List<String> intents, String polarity, String brand, LabelOrigin origin,
        String labeler, long labeledAt) {

    /** Copies the intents. */
    public SnippetLabel {
        intents = List.copyOf(intents);
    }
}
