package dev.sift.modelops.learning;

import dev.sift.schema.LabelOrigin;
import dev.sift.schema.RequestKind;
import java.time.Instant;
import java.util.List;

/** Labels, requests and examples for the learning loop's unit tests. */
public final class LabelFixtures {

    /** A fixed "now". */
    public static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private LabelFixtures() {
    }

    /**
     * @param snippetId the snippet
     * @param origin who labeled
     * @param minute label time, in minutes after {@link #NOW} minus a day
     * @param intents the intents
     * @return the label
     */
    public static SnippetLabel label(String snippetId, LabelOrigin origin, int minute, String... intents) {
        return new SnippetLabel(snippetId, List.of(intents), null, null, origin, origin.name().toLowerCase(),
                time(minute));
    }

    /**
     * @param snippetId the snippet
     * @param text its text
     * @param modelIntents what the model matched
     * @return the request
     */
    public static RequestText request(String snippetId, String text, String... modelIntents) {
        return new RequestText(snippetId, text, RequestKind.FORWARD, List.of(modelIntents), "sift-default-test");
    }

    /**
     * @param snippetId the snippet
     * @param minute label time, as for {@link #label}
     * @param intents the intents
     * @return an LLM-labeled example whose text is "text of" the id
     */
    public static LabeledExample example(String snippetId, int minute, String... intents) {
        return new LabeledExample(request(snippetId, "text of " + snippetId),
                label(snippetId, LabelOrigin.LLM, minute, intents));
    }

    /**
     * @param minute minutes after {@link #NOW} minus a day
     * @return that time in epoch milliseconds
     */
    public static long time(int minute) {
        return NOW.minusSeconds(86_400).plusSeconds(60L * minute).toEpochMilli();
    }
}
