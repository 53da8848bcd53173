package dev.sift.modelops.learning;

import dev.sift.modelops.dataset.LabelConfidences;
import java.time.Duration;

/**
 * Bounds on what one record of the request and feedback topics may carry: whoever can write to those topics decides
 * their content, so sizes are capped before anything is kept.
 *
 * @param maxIntentsPerLabel most intents one label may name
 * @param maxLabelChars longest labeler name and brand
 * @param maxTextChars longest snippet text kept (longer ones are cut, not refused)
 * @param maxClockSkew how far in the future a label time may be
 */
public record RecordLimits(int maxIntentsPerLabel, int maxLabelChars, int maxTextChars, Duration maxClockSkew) {

    /** Longest snippet id accepted. */
    public static final int MAX_SNIPPET_ID_CHARS = 256;
    /** Most confidences one label may carry: one per intent of the largest catalogue a labeler may have. */
    public static final int MAX_CONFIDENCES = LabelConfidences.MAX_LABELS;

    /**
     * @param config the learning settings
     * @return their record limits
     */
    public static RecordLimits of(LearningConfig config) {
        return new RecordLimits(config.getMaxIntentsPerLabel(), config.getMaxLabelChars(), config.getMaxTextChars(),
                config.getMaxClockSkew());
    }

    /**
     * Cuts a text to at most {@code max} chars without splitting a surrogate pair: half a character cannot be written
     * as UTF-8, and would stop every later data set version from being written.
     *
     * @param text a text
     * @param max the most chars kept
     * @return the text, or its longest prefix of whole characters within {@code max}
     */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    /**
     * @param snippetId an id from a record
     * @return whether it may key an example
     */
    public static boolean validSnippetId(String snippetId) {
        return snippetId != null && !snippetId.isBlank() && snippetId.length() <= MAX_SNIPPET_ID_CHARS;
    }
}
