package dev.sift.modelops.label;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The labeler's meters (Micrometer; {@code sift_labeler_*} at {@code /prometheus} in the service: {@code labeled},
 * {@code dead_letters{reason}}, {@code calls{result}}, {@code tokens{type}}, {@code cost{currency}},
 * {@code unknown_intents}, {@code truncated_snippets}, {@code call_duration}) and the figures of
 * the one-shot summary, read from the same meters. Money and tokens are counted when spent, labels and dead letters
 * when their transaction commits.
 */
public final class LabelerMetrics {

    /** Distinct unknown intent names remembered for the summary; the count itself has no such limit. */
    private static final int MAX_UNKNOWN_NAMES = 50;
    private static final int MAX_NAME_LENGTH = 64;

    private final Pricing pricing;
    private final Counter labeled;
    private final Map<FailureKind, Counter> deadLettered = new EnumMap<>(FailureKind.class);
    private final Map<CallResult, Counter> calls = new EnumMap<>(CallResult.class);
    private final Counter unknownIntents;
    private final Counter inputTokens;
    private final Counter outputTokens;
    private final Counter cost;
    private final Counter truncatedSnippets;
    private final Timer callDuration;
    private final Map<String, LongAdder> unknownNames = new ConcurrentHashMap<>();

    /**
     * @param registry where the meters live
     * @param pricing token prices, for the cost meter
     */
    public LabelerMetrics(MeterRegistry registry, Pricing pricing) {
        this.pricing = pricing;
        this.labeled = Counter.builder("sift.labeler.labeled")
                .description("Requests labeled (feedback committed)").register(registry);
        for (FailureKind kind : FailureKind.values()) {
            if (kind.deadLetters()) {
                deadLettered.put(kind, Counter.builder("sift.labeler.dead.letters")
                        .tag("reason", kind.name().toLowerCase(Locale.ROOT))
                        .description("Requests dead-lettered (committed)").register(registry));
            }
        }
        for (CallResult result : CallResult.values()) {
            calls.put(result, Counter.builder("sift.labeler.calls").tag("result", result.tag())
                    .description("Calls to the chat-completions API by result").register(registry));
        }
        this.unknownIntents = Counter.builder("sift.labeler.unknown.intents")
                .description("Intents answered by the teacher that are not in the catalogue, dropped")
                .register(registry);
        this.inputTokens = Counter.builder("sift.labeler.tokens").tag("type", "input").baseUnit("tokens")
                .description("Tokens the API reported").register(registry);
        this.outputTokens = Counter.builder("sift.labeler.tokens").tag("type", "output").baseUnit("tokens")
                .description("Tokens the API reported").register(registry);
        this.cost = Counter.builder("sift.labeler.cost").tag("currency", pricing.currency())
                .description("Cost of the tokens at the configured prices").register(registry);
        this.truncatedSnippets = Counter.builder("sift.labeler.truncated.snippets")
                .description("Snippets whose text was cut to max-snippet-chars").register(registry);
        this.callDuration = Timer.builder("sift.labeler.call.duration")
                .description("Time of one call to the chat-completions API").register(registry);
    }

    /**
     * One call's outcome, time and tokens (counted even when the answer is then rejected: they were billed).
     *
     * @param result how it ended
     * @param duration how long it took
     * @param usage tokens it consumed
     */
    public void recordCall(CallResult result, Duration duration, Usage usage) {
        calls.get(result).increment();
        callDuration.record(duration);
        inputTokens.increment(usage.inputTokens());
        outputTokens.increment(usage.outputTokens());
        cost.increment(pricing.cost(usage));
    }

    /** One snippet text cut before sending. */
    public void recordTruncated() {
        truncatedSnippets.increment();
    }

    /**
     * A committed batch's outcomes.
     *
     * @param labeledCount requests labeled
     * @param deadLetters dead letters by reason
     * @param unknown intent names dropped, with repeats
     */
    public void recordCommitted(int labeledCount, Map<FailureKind, Integer> deadLetters,
            Iterable<String> unknown) {
        labeled.increment(labeledCount);
        deadLetters.forEach((kind, count) -> deadLettered.get(kind).increment(count));
        for (String name : unknown) {
            unknownIntents.increment();
            String shown = name.length() > MAX_NAME_LENGTH ? name.substring(0, MAX_NAME_LENGTH) + "…" : name;
            LongAdder seen = unknownNames.get(shown);
            if (seen == null && unknownNames.size() < MAX_UNKNOWN_NAMES) {
                seen = unknownNames.computeIfAbsent(shown, k -> new LongAdder());
            }
            if (seen != null) {
                seen.increment();
            }
        }
    }

    /**
     * @param elapsed how long the run took
     * @return the figures so far
     */
    public LabelingSummary summary(Duration elapsed) {
        Map<FailureKind, Long> dead = new EnumMap<>(FailureKind.class);
        deadLettered.forEach((kind, counter) -> dead.put(kind, (long) counter.count()));
        Map<CallResult, Long> byResult = new EnumMap<>(CallResult.class);
        calls.forEach((result, counter) -> byResult.put(result, (long) counter.count()));
        Map<String, Long> names = new LinkedHashMap<>();
        unknownNames.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .limit(10).forEach(e -> names.put(e.getKey(), e.getValue().sum()));
        return new LabelingSummary((long) labeled.count(), dead, (long) unknownIntents.count(), names, byResult,
                (long) inputTokens.count(), (long) outputTokens.count(), cost.count(), pricing.currency(),
                (long) truncatedSnippets.count(), elapsed);
    }
}
