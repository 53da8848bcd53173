package dev.sift.modelops.learning;

import dev.sift.modelops.dataset.LabelConfidences;
import dev.sift.schema.LabelOrigin;
import java.util.List;
import java.util.Map;

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
 * @param confidences the labeler's confidence per canonical intent name, in [0, 1], sorted by name; empty when it
 *     gave none. They travel with the label, so the label that wins a conflict brings its own (a reviewer's none)
 */
public record SnippetLabel(String snippetId, List<String> intents, String polarity, String brand, LabelOrigin origin,
        String labeler, long labeledAt, Map<String, Float> confidences) {

    /**
     * A label without confidences.
     *
     * @param snippetId the snippet
     * @param intents canonical intent names
     * @param polarity the polarity, or null
     * @param brand the brand, or null
     * @param origin who labeled
     * @param labeler which labeler
     * @param labeledAt when, in epoch milliseconds
     */
    public SnippetLabel(String snippetId, List<String> intents, String polarity, String brand, LabelOrigin origin,
            String labeler, long labeledAt) {
        this(snippetId, intents, polarity, brand, origin, labeler, labeledAt, Map.of());
    }

    /** Copies the intents; checks and sorts the confidences (a state file read back is as untrusted as a record). */
    public SnippetLabel {
        intents = List.copyOf(intents);
        confidences = LabelConfidences.checked(confidences);
    }
}
