package dev.sift.modelops.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A labeler's confidence per label, the soft targets a student can be distilled from: each a probability in [0, 1]
 * that the label applies. They come from data files and from the feedback topic, both untrusted, so every map is
 * bounded and every value checked before a model can learn from it; a NaN would otherwise poison every weight it
 * reaches.
 */
public final class LabelConfidences {

    /**
     * Most confidences one example may carry: the labeler's catalogue holds at most this many intents, so a longer
     * map can only be forged.
     */
    public static final int MAX_LABELS = 200;
    /** Longest label name a confidence may be keyed by, as for intent names. */
    public static final int MAX_LABEL_CHARS = 256;

    private LabelConfidences() {
    }

    /**
     * @param confidences label to confidence; null for none
     * @return an unmodifiable copy sorted by label, so equal maps iterate, hash and print the same way
     * @throws IllegalArgumentException when there are too many, a label is blank or too long, or a value is not a
     *     finite number in [0, 1]
     */
    public static SortedMap<String, Float> checked(Map<String, Float> confidences) {
        if (confidences == null || confidences.isEmpty()) {
            return Collections.emptySortedMap();
        }
        if (confidences.size() > MAX_LABELS) {
            throw new IllegalArgumentException(confidences.size() + " confidences, more than " + MAX_LABELS);
        }
        TreeMap<String, Float> out = new TreeMap<>();
        for (Map.Entry<String, Float> entry : confidences.entrySet()) {
            String label = entry.getKey();
            if (label == null || label.isBlank() || label.length() > MAX_LABEL_CHARS) {
                throw new IllegalArgumentException("a confidence's label must be a name of 1 to " + MAX_LABEL_CHARS
                        + " characters");
            }
            Float value = entry.getValue();
            if (value == null || !(value >= 0f && value <= 1f)) {
                throw new IllegalArgumentException("confidence " + value + " of label '" + label
                        + "' is not a number in [0, 1]");
            }
            out.put(label, value);
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /**
     * Reads a {@code confidences} object of Sift's JSONL ({@code {"refund_request": 0.9, "complaint": 0.2}}).
     *
     * @param node the object, or {@code null} / JSON null for none
     * @return the checked confidences
     * @throws IllegalArgumentException when it is not such an object or fails {@link #checked}
     */
    public static SortedMap<String, Float> read(JsonNode node) {
        if (node == null || node.isNull()) {
            return Collections.emptySortedMap();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("'confidences' is not an object of label to number");
        }
        if (node.size() > MAX_LABELS) {
            throw new IllegalArgumentException(node.size() + " confidences, more than " + MAX_LABELS);
        }
        TreeMap<String, Float> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isNumber()) {
                throw new IllegalArgumentException("confidence of label '" + field.getKey() + "' is not a number: "
                        + value);
            }
            // Checked as a double first: a huge number must not pass by rounding to a float in range.
            double d = value.asDouble();
            if (!(d >= 0 && d <= 1)) {
                throw new IllegalArgumentException("confidence " + value + " of label '" + field.getKey()
                        + "' is not a number in [0, 1]");
            }
            out.put(field.getKey(), (float) d);
        }
        return checked(out);
    }
}
