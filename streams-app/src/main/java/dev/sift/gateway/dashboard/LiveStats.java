package dev.sift.gateway.dashboard;

import dev.sift.gateway.topology.DecidedSnippet;
import dev.sift.gateway.topology.DecisionObserver;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.FilterPolicy;
import dev.sift.schema.IntentScore;
import dev.sift.schema.ReasonKind;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What this gateway decided over the last minute, for the dashboard: throughput, forward rate overall and per
 * intent, tokens held back, decision latency. One-second buckets in a ring of sixty.
 */
@Singleton
public class LiveStats implements DecisionObserver {

    private static final int SECONDS = 60;

    private final Bucket[] ring = new Bucket[SECONDS];
    private long totalDecisions;
    private long totalForwarded;
    private long totalTokensSaved;

    /** Creates empty statistics. */
    public LiveStats() {
        for (int i = 0; i < SECONDS; i++) {
            ring[i] = new Bucket();
        }
    }

    private static final class Bucket {
        private long second = -1;
        private int decisions;
        private int forwarded;
        private long tokens;
        private long tokensSaved;
        private final Map<String, Integer> byReason = new TreeMap<>();
        private final Histogram latencyMicros = new Histogram(60_000_000L, 2);

        void reset(long at) {
            second = at;
            decisions = 0;
            forwarded = 0;
            tokens = 0;
            tokensSaved = 0;
            byReason.clear();
            latencyMicros.reset();
        }
    }

    @Override
    public synchronized void observe(DecidedSnippet decided, FilterPolicy policy) {
        long now = System.currentTimeMillis() / 1000;
        Bucket b = ring[(int) (now % SECONDS)];
        if (b.second != now) {
            b.reset(now);
        }
        FilterDecision d = decided.decision();
        b.decisions++;
        b.tokens += d.getTokenCount();
        totalDecisions++;
        if (d.getForwarded()) {
            b.forwarded++;
            totalForwarded++;
            for (IntentScore s : d.getIntents()) {
                if (s.getMatched()) {
                    b.byReason.merge(s.getIntent(), 1, Integer::sum);
                }
            }
            if (d.getReasons().stream().anyMatch(r -> r.getKind() == ReasonKind.REPUTATION_RULE)) {
                b.byReason.merge("reputation", 1, Integer::sum);
            }
        } else {
            b.tokensSaved += d.getTokenCount();
            totalTokensSaved += d.getTokenCount();
        }
        b.latencyMicros.recordValue(Math.max(1, Math.min(60_000_000L, d.getProcessingLatencyMicros())));
    }

    /**
     * The last minute.
     *
     * @param decisionsPerSecond throughput over the window
     * @param forwardRate share forwarded
     * @param forwardRateByReason share forwarded per intent (and "reputation")
     * @param tokensSavedShare share of tokens held back
     * @param latencyP50Millis median decision latency
     * @param latencyP99Millis 99th percentile decision latency
     * @param decisions decisions in the window
     * @param totalDecisions decisions since start
     * @param totalForwarded forwarded since start
     * @param totalTokensSaved tokens held back since start
     */
    @Serdeable
    public record Snapshot(double decisionsPerSecond, double forwardRate, Map<String, Double> forwardRateByReason,
            double tokensSavedShare, double latencyP50Millis, double latencyP99Millis, long decisions,
            long totalDecisions, long totalForwarded, long totalTokensSaved) {
    }

    /** @return the last minute's statistics */
    public synchronized Snapshot snapshot() {
        long now = System.currentTimeMillis() / 1000;
        long decisions = 0;
        long forwarded = 0;
        long tokens = 0;
        long saved = 0;
        long oldest = now;
        Map<String, Integer> reasons = new TreeMap<>();
        Histogram latency = new Histogram(60_000_000L, 2);
        for (Bucket b : ring) {
            if (b.second > now - SECONDS && b.second <= now) {
                decisions += b.decisions;
                forwarded += b.forwarded;
                tokens += b.tokens;
                saved += b.tokensSaved;
                oldest = Math.min(oldest, b.second);
                b.byReason.forEach((k, v) -> reasons.merge(k, v, Integer::sum));
                latency.add(b.latencyMicros);
            }
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        long n = decisions;
        reasons.forEach((k, v) -> rates.put(k, n == 0 ? 0 : (double) v / n));
        double span = Math.max(1, now - oldest + 1);
        return new Snapshot(decisions / span, n == 0 ? 0 : (double) forwarded / n, rates,
                tokens == 0 ? 0 : (double) saved / tokens, latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, decisions, totalDecisions, totalForwarded,
                totalTokensSaved);
    }
}
