package dev.sift.modelops.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * Classification metrics over probability matrices {@code [example][label]} and boolean truth
 * {@code [label][example]}.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * Accuracy of the top label over the examples that have exactly one true label.
     *
     * @param probs scores
     * @param truth truth
     * @return accuracy in [0,1], or NaN without such examples
     */
    public static double topLabelAccuracy(float[][] probs, boolean[][] truth) {
        int correct = 0;
        int total = 0;
        for (int i = 0; i < probs.length; i++) {
            int trueLabel = -1;
            int count = 0;
            for (int k = 0; k < truth.length; k++) {
                if (truth[k][i]) {
                    trueLabel = k;
                    count++;
                }
            }
            if (count != 1) {
                continue;
            }
            total++;
            correct += argmax(probs[i]) == trueLabel ? 1 : 0;
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /**
     * Micro-averaged F1 of "label predicted when its probability reaches the threshold".
     *
     * @param probs scores
     * @param truth truth
     * @param threshold decision threshold
     * @return micro-F1 in [0,1]
     */
    public static double microF1(float[][] probs, boolean[][] truth, double threshold) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        for (int k = 0; k < truth.length; k++) {
            int[] counts = confusion(probs, truth, k, threshold);
            tp += counts[0];
            fp += counts[1];
            fn += counts[2];
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    /** True positives, false positives and false negatives of label {@code k} at a threshold. */
    private static int[] confusion(float[][] probs, boolean[][] truth, int k, double threshold) {
        int[] counts = new int[3];
        for (int i = 0; i < probs.length; i++) {
            boolean predicted = probs[i][k] >= threshold;
            if (predicted && truth[k][i]) {
                counts[0]++;
            } else if (predicted) {
                counts[1]++;
            } else if (truth[k][i]) {
                counts[2]++;
            }
        }
        return counts;
    }

    /**
     * Precision, recall and F1 of one label.
     *
     * @param label label name
     * @param precision precision
     * @param recall recall
     * @param f1 F1
     * @param support true examples
     */
    public record LabelReport(String label, double precision, double recall, double f1, int support) {
    }

    /**
     * Per-label report at a threshold.
     *
     * @param labels label names
     * @param probs scores
     * @param truth truth
     * @param threshold decision threshold
     * @return one report per label
     */
    public static List<LabelReport> perLabel(List<String> labels, float[][] probs, boolean[][] truth,
            double threshold) {
        List<LabelReport> out = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            int[] counts = confusion(probs, truth, k, threshold);
            int tp = counts[0];
            int fp = counts[1];
            int fn = counts[2];
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            out.add(new LabelReport(labels.get(k), precision, recall, f1, tp + fn));
        }
        return out;
    }

    /**
     * One bin of a reliability diagram.
     *
     * @param low lower edge of the confidence bin
     * @param high upper edge
     * @param meanConfidence average confidence of its predictions
     * @param accuracy share of them that were right
     * @param count predictions in the bin
     */
    public record ReliabilityBin(double low, double high, double meanConfidence, double accuracy, int count) {
    }

    /**
     * Reliability bins of (confidence, correct) pairs, equal width.
     *
     * @param confidence predicted probabilities
     * @param correct whether each prediction was right
     * @param bins number of bins
     * @return the bins (empty ones included, with count 0)
     */
    public static List<ReliabilityBin> reliability(double[] confidence, boolean[] correct, int bins) {
        double[] sumConf = new double[bins];
        int[] hits = new int[bins];
        int[] counts = new int[bins];
        for (int i = 0; i < confidence.length; i++) {
            int b = Math.min(bins - 1, (int) (confidence[i] * bins));
            sumConf[b] += confidence[i];
            hits[b] += correct[i] ? 1 : 0;
            counts[b]++;
        }
        List<ReliabilityBin> out = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            out.add(new ReliabilityBin((double) b / bins, (double) (b + 1) / bins,
                    counts[b] == 0 ? 0 : sumConf[b] / counts[b], counts[b] == 0 ? 0 : (double) hits[b] / counts[b],
                    counts[b]));
        }
        return out;
    }

    /**
     * Expected calibration error: the count-weighted gap between confidence and accuracy over bins.
     *
     * @param bins reliability bins
     * @return ECE in [0,1]
     */
    public static double expectedCalibrationError(List<ReliabilityBin> bins) {
        long total = bins.stream().mapToLong(ReliabilityBin::count).sum();
        if (total == 0) {
            return Double.NaN;
        }
        double ece = 0;
        for (ReliabilityBin bin : bins) {
            ece += (double) bin.count() / total * Math.abs(bin.meanConfidence() - bin.accuracy());
        }
        return ece;
    }

    /**
     * @param values scores
     * @return index of the largest
     */
    public static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * @param values scores
     * @return the largest, or 0 for an empty array
     */
    public static float max(float[] values) {
        float best = 0;
        for (float v : values) {
            best = Math.max(best, v);
        }
        return best;
    }
}
