package dev.sift.modelops.learning;

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

    /**
     * @param config the learning settings
     * @return their record limits
     */
    public static RecordLimits of(LearningConfig config) {
        return new RecordLimits(config.getMaxIntentsPerLabel(), config.getMaxLabelChars(), config.getMaxTextChars(),
                config.getMaxClockSkew());
    }

    /**
     * @param snippetId an id from a record
     * @return whether it may key an example
     */
    public static boolean validSnippetId(String snippetId) {
        return snippetId != null && !snippetId.isBlank() && snippetId.length() <= MAX_SNIPPET_ID_CHARS;
    }
}
