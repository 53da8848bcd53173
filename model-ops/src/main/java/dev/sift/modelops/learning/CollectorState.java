package dev.sift.modelops.learning;

import java.util.List;
import java.util.Map;

/**
 * What the collector keeps between reads of the topics ({@code <store>/datasets/state.json}): where it stopped
 * reading, what waits for its other half, the examples changed since the current version, and what it counted since
 * the last run.
 *
 * @param format the state format
 * @param version the current data set version, or null before the first
 * @param offsets per topic and partition, the next offset to read
 * @param pendingRequests requests waiting for their labels, oldest first
 * @param pendingLabels labels waiting for their requests, oldest first
 * @param staged examples made or changed since the current version, as {@code examples.jsonl} lines
 * @param refused records refused since the current version, by reason
 * @param sinceLastRun what arrived since the last run began
 * @param lastRetrained the last retraining judged, or null
 */
public record CollectorState(int format, String version, Map<String, Map<Integer, Long>> offsets,
        List<LabelJoin.Pending<RequestText>> pendingRequests, List<LabelJoin.Pending<SnippetLabel>> pendingLabels,
        List<String> staged, Map<String, Long> refused, SinceLastRun sinceLastRun, Retrained lastRetrained) {

    /** The state format written now. */
    public static final int FORMAT = 1;

    /**
     * The last retraining run that came to a judgement.
     *
     * @param key what it was judged on: data set version, base bundle and live release
     * @param runId the run
     * @param outcome {@code PUBLISHED} or {@code NOT_PUBLISHED}
     * @param detail why
     */
    public record Retrained(String key, String runId, String outcome, String detail) {
    }
}
