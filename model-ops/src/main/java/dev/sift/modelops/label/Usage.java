package dev.sift.modelops.label;

/**
 * Tokens one call consumed, as the API's {@code usage} reports them.
 *
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 */
public record Usage(long inputTokens, long outputTokens) {

    /** No tokens (the API reported none). */
    public static final Usage NONE = new Usage(0, 0);

    /** @return input and output tokens */
    public long total() {
        return inputTokens + outputTokens;
    }
}
