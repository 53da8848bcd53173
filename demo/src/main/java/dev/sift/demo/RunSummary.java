package dev.sift.demo;

import dev.sift.schema.FilterDecision;
import dev.sift.schema.IntentScore;
import dev.sift.schema.ReasonKind;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** What a demo run measured, and its printout. */
final class RunSummary {

    private final Histogram decisionMicros = new Histogram(3_600_000_000L, 3);
    private final Histogram endToEndMicros = new Histogram(3_600_000_000L, 3);
    private final Map<String, Integer> forwardsByIntent = new TreeMap<>();
    private final Map<String, Integer> versions = new TreeMap<>();
    private final Map<String, int[]> relevantByTruth = new TreeMap<>();
    private int decided;
    private int forwarded;
    private int byReputation;
    private long tokensTotal;
    private long tokensForwarded;
    private int relevantTruth;
    private int relevantCaught;
    private int irrelevantTruth;
    private int irrelevantForwarded;
    private int contextualTruth;
    private int contextualCaught;
    private final List<GeneratedSnippet> forwardedRelevant = new ArrayList<>();
    private Integer caughtOnlyWithContext;
    private int truncated;
    private int deadLetters;
    private long firstSentMillis = Long.MAX_VALUE;
    private long lastDecidedMillis;
    private int produced;

    void sent(long atMillis) {
        produced++;
        firstSentMillis = Math.min(firstSentMillis, atMillis);
    }

    void decided(FilterDecision decision, GeneratedSnippet truth, long sentMillis, long receivedMillis) {
        decided++;
        lastDecidedMillis = Math.max(lastDecidedMillis, receivedMillis);
        decisionMicros.recordValue(Math.max(1, decision.getProcessingLatencyMicros()));
        endToEndMicros.recordValue(Math.max(1, (receivedMillis - sentMillis) * 1000));
        versions.merge(decision.getModelVersion(), 1, Integer::sum);
        tokensTotal += decision.getTokenCount();
        truncated += decision.getTruncated() ? 1 : 0;
        if (decision.getForwarded()) {
            forwarded++;
            tokensForwarded += decision.getTokenCount();
            for (IntentScore s : decision.getIntents()) {
                if (s.getMatched()) {
                    forwardsByIntent.merge(s.getIntent(), 1, Integer::sum);
                }
            }
            if (decision.getReasons().stream().anyMatch(r -> r.getKind() == ReasonKind.REPUTATION_RULE)) {
                byReputation++;
            }
        }
        if (truth != null && !truth.truth().equals("unknown")) {
            if (truth.relevant()) {
                relevantTruth++;
                relevantCaught += decision.getForwarded() ? 1 : 0;
                int[] counts = relevantByTruth.computeIfAbsent(truth.truth(), t -> new int[2]);
                counts[0]++;
                counts[1] += decision.getForwarded() ? 1 : 0;
                if (decision.getForwarded()) {
                    forwardedRelevant.add(truth);
                }
                if (truth.contextual()) {
                    contextualTruth++;
                    contextualCaught += decision.getForwarded() ? 1 : 0;
                }
            } else {
                irrelevantTruth++;
                irrelevantForwarded += decision.getForwarded() ? 1 : 0;
            }
        }
    }

    /** @return the relevant turns that were forwarded, in the order they were decided */
    List<GeneratedSnippet> forwardedRelevant() {
        return List.copyOf(forwardedRelevant);
    }

    /** @param count of the forwarded relevant turns, those the model drops when it judges each alone */
    void caughtOnlyWithContext(int count) {
        caughtOnlyWithContext = count;
    }

    void deadLetter() {
        deadLetters++;
    }

    int decided() {
        return decided;
    }

    /** @return the share of the relevant turns that were forwarded, in percent */
    double relevantForwardedPercent() {
        return pct(relevantCaught, relevantTruth);
    }

    /**
     * @return per kind of relevant turn (the intent it was written for, or {@code post-negative}): the share of them
     *     that was forwarded, in percent, and how many there were
     */
    Map<String, double[]> relevantForwardedByTruth() {
        Map<String, double[]> out = new TreeMap<>();
        relevantByTruth.forEach((truth, counts) -> out.put(truth, new double[] {pct(counts[1], counts[0]), counts[0]}));
        return out;
    }

    /** @return the share of the irrelevant turns that were forwarded, in percent */
    double irrelevantForwardedPercent() {
        return pct(irrelevantForwarded, irrelevantTruth);
    }

    /** @return the share of all decided snippets that were forwarded, in percent */
    double forwardedPercent() {
        return pct(forwarded, decided);
    }

    /** @return the model versions that decided, joined */
    String models() {
        return String.join(", ", versions.keySet());
    }

    void print(PrintStream out) {
        double seconds = Math.max(1e-3, (lastDecidedMillis - firstSentMillis) / 1000.0);
        out.println();
        out.println("Sift demo summary");
        out.println("-----------------");
        out.printf("%-34s %,d%n", "snippets in", produced);
        out.printf("%-34s %,d%n", "decided", decided);
        out.printf("%-34s %,d (%.1f%%)%n", "forwarded to the LLM topic", forwarded, pct(forwarded, decided));
        out.printf("%-34s %,d%n", "  of which by the reputation rule", byReputation);
        out.printf("%-34s %,d%n", "dead-lettered", deadLetters);
        out.println("forward rate per intent (share of all snippets):");
        forwardsByIntent.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> out.printf("  %-32s %5.1f%%  (%,d)%n", e.getKey(), pct(e.getValue(), decided),
                        e.getValue()));
        out.printf("%-34s %,d of %,d (%.1f%% not sent; encoder tokens as an estimate)%n", "LLM tokens saved",
                tokensTotal - tokensForwarded, tokensTotal, pct(tokensTotal - tokensForwarded, tokensTotal));
        if (relevantTruth + irrelevantTruth > 0) {
            out.printf("%-34s %.1f%% of relevant turns forwarded, %.1f%% of irrelevant ones%n",
                    "against the generator's intent", pct(relevantCaught, relevantTruth),
                    pct(irrelevantForwarded, irrelevantTruth));
        }
        if (contextualTruth > 0) {
            out.printf("%-34s %,d of %,d forwarded (\"yes please\" to an offer, \"same here\" to a complaint)%n",
                    "short replies meaning an intent", contextualCaught, contextualTruth);
        }
        if (caughtOnlyWithContext != null) {
            out.printf("%-34s %,d of the %,d relevant turns forwarded (the same model, alone, drops them)%n",
                    "caught only with context", caughtOnlyWithContext, forwardedRelevant.size());
        }
        out.printf("%-34s %,d%n", "truncated snippets", truncated);
        out.printf("%-34s %.1f snippets/s (%.1f s for %,d decisions)%n", "throughput", decided / seconds, seconds,
                decided);
        out.printf("%-34s p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", "decision latency (in the gateway)",
                decisionMicros.getValueAtPercentile(50) / 1000.0, decisionMicros.getValueAtPercentile(95) / 1000.0,
                decisionMicros.getValueAtPercentile(99) / 1000.0);
        out.printf("%-34s p50 %.0f ms, p95 %.0f ms, p99 %.0f ms%n", "end to end (sent to committed)",
                endToEndMicros.getValueAtPercentile(50) / 1000.0, endToEndMicros.getValueAtPercentile(95) / 1000.0,
                endToEndMicros.getValueAtPercentile(99) / 1000.0);
        out.printf("%-34s %s%n", "model versions", versions);
    }

    private static double pct(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }
}
