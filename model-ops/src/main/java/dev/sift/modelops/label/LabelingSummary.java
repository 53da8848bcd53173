package dev.sift.modelops.label;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a labeling run did and cost.
 *
 * @param labeled requests labeled (feedback committed)
 * @param deadLettered requests dead-lettered, by reason
 * @param unknownIntents intents dropped for not being in the catalogue
 * @param frequentUnknown the most frequent of them, with counts
 * @param calls API calls by result
 * @param inputTokens input tokens the API reported
 * @param outputTokens output tokens the API reported
 * @param cost their cost at the configured prices
 * @param currency the prices' currency
 * @param truncated snippet texts cut before sending
 * @param elapsed how long the run took
 */
public record LabelingSummary(long labeled, Map<FailureKind, Long> deadLettered, long unknownIntents,
        Map<String, Long> frequentUnknown, Map<CallResult, Long> calls, long inputTokens, long outputTokens,
        double cost, String currency, long truncated, Duration elapsed) {

    /** @return requests dead-lettered, all reasons */
    public long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }

    /** @return the summary as the command prints it */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append("Sift labeler summary\n--------------------\n");
        line(out, "labeled", String.format(Locale.ROOT, "%,d", labeled));
        line(out, "dead-lettered", String.format(Locale.ROOT, "%,d", deadLetteredTotal())
                + (deadLetteredTotal() == 0 ? "" : "  " + nonZero(deadLettered)));
        line(out, "unknown intents dropped", String.format(Locale.ROOT, "%,d", unknownIntents)
                + (frequentUnknown.isEmpty() ? "" : "  " + frequentUnknown));
        line(out, "calls", String.format(Locale.ROOT, "%,d", calls.values().stream().mapToLong(Long::longValue).sum())
                + "  " + nonZero(calls));
        line(out, "tokens", String.format(Locale.ROOT, "%,d in, %,d out", inputTokens, outputTokens));
        line(out, "cost", String.format(Locale.ROOT, "%.4f %s", cost, currency));
        line(out, "truncated snippets", String.format(Locale.ROOT, "%,d", truncated));
        line(out, "elapsed", String.format(Locale.ROOT, "%.1f s", elapsed.toMillis() / 1000.0));
        return out.toString();
    }

    private static <K extends Enum<K>> String nonZero(Map<K, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + "=" + e.getValue())
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-26s %s%n", label, value));
    }
}
