package dev.sift.modelops.evaluate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything an evaluation measured, written as JSON next to its charts.
 *
 * @param dataset data set name
 * @param modelVersion bundle evaluated
 * @param encoder base encoder
 * @param trainSize training examples
 * @param testSize test examples
 * @param intents intent results, or null
 * @param reputation reputation results, or null
 * @param training how heads were chosen (cost grid scores)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvaluationReport(String dataset, String modelVersion, String encoder, int trainSize, int testSize,
        IntentResults intents, ReputationResults reputation, Map<String, Object> training) {

    /**
     * Intent head results on the test split.
     *
     * @param accuracy top-intent accuracy over single-intent examples (NaN for multi-label data)
     * @param microF1 micro-F1 at threshold 0.5
     * @param expectedCalibrationError ECE over every (snippet, intent) probability: what a per-intent threshold
     *     relies on
     * @param topIntentCalibrationError ECE of the top intent's probability as the confidence that it is right
     * @param relevanceThreshold threshold keeping 95% of relevant validation snippets, or null
     * @param irrelevantRecallAtThreshold share of irrelevant test snippets below that threshold, or null
     * @param relevantKeptAtThreshold share of relevant test snippets at or above it, or null
     * @param perLabel per-intent precision, recall, F1 at 0.5
     * @param relevanceCurve share of relevant kept vs irrelevant forwarded over thresholds
     * @param reliability reliability diagram bins
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IntentResults(double accuracy, double microF1, double expectedCalibrationError,
            double topIntentCalibrationError,
            Double relevanceThreshold, Double irrelevantRecallAtThreshold, Double relevantKeptAtThreshold,
            List<Metrics.LabelReport> perLabel, List<CurvePoint> relevanceCurve,
            List<Metrics.ReliabilityBin> reliability) {
    }

    /**
     * Reputation head results on the test split.
     *
     * @param accuracy accuracy
     * @param macroF1 macro-averaged F1
     * @param expectedCalibrationError ECE of the top-class confidence
     * @param perClass per-class precision, recall, F1
     * @param confusion rows: true class, columns: predicted class
     * @param reliability reliability diagram bins
     */
    public record ReputationResults(double accuracy, double macroF1, double expectedCalibrationError,
            List<Metrics.LabelReport> perClass, int[][] confusion, List<Metrics.ReliabilityBin> reliability) {
    }

    /**
     * One point of the relevance curve.
     *
     * @param threshold forward when the top intent reaches this
     * @param relevantKept share of relevant snippets forwarded
     * @param irrelevantForwarded share of irrelevant snippets forwarded
     */
    public record CurvePoint(double threshold, double relevantKept, double irrelevantForwarded) {
    }
}
