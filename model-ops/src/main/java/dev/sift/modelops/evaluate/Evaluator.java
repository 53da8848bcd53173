package dev.sift.modelops.evaluate;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.dataset.Polarities;
import dev.sift.modelops.evaluate.EvaluationReport.CurvePoint;
import dev.sift.modelops.evaluate.EvaluationReport.IntentResults;
import dev.sift.modelops.evaluate.EvaluationReport.ReputationResults;
import dev.sift.modelops.train.HeadTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Measures a classifier (the real bundle, through the runtime) on a data set's test split: intent accuracy and
 * micro-F1, calibration, the relevance curve, and the threshold that keeps 95% of relevant validation snippets.
 */
public final class Evaluator {

    private static final double KEEP_RELEVANT = 0.95;
    private static final int BINS = 15;

    private final SnippetClassifier classifier;
    private final Progress progress;
    private final ContextUse contextUse;

    /**
     * @param classifier the classifier to measure
     * @param progress progress reporting
     */
    public Evaluator(SnippetClassifier classifier, Progress progress) {
        this(classifier, progress, ContextUse.WITH_CONTEXT);
    }

    /**
     * @param classifier the classifier to measure
     * @param progress progress reporting
     * @param contextUse whether a context-aware model reads each turn's earlier turns or judges it alone
     */
    public Evaluator(SnippetClassifier classifier, Progress progress, ContextUse contextUse) {
        this.classifier = classifier;
        this.progress = progress;
        this.contextUse = contextUse;
    }

    /**
     * Evaluates on the test split (on validation when there is no test split).
     *
     * @param dataset the data set
     * @param training how the heads were chosen, copied into the report
     * @return the report
     */
    public EvaluationReport evaluate(Dataset dataset, Map<String, Object> training) {
        List<LabeledSnippet> test = dataset.test().isEmpty() ? dataset.validation() : dataset.test();
        List<Classification> testScores = classify(test, "test split");
        IntentResults intents = null;
        if (dataset.hasIntents() && !classifier.info().intents().isEmpty()) {
            Double threshold = null;
            if (!dataset.validation().isEmpty() && test != dataset.validation()) {
                threshold = relevanceThreshold(dataset.validation(), classify(dataset.validation(), "validation"));
            }
            intents = intentResults(dataset, test, testScores, threshold);
        }
        ReputationResults reputation = null;
        if (test.stream().anyMatch(s -> s.polarity() != null) && classifier.info().hasReputation()) {
            reputation = reputationResults(test, testScores);
        }
        return new EvaluationReport(dataset.name(), classifier.info().version(), classifier.info().baseModel(),
                dataset.train().size(), test.size(), intents, reputation, training);
    }

    private List<Classification> classify(List<LabeledSnippet> snippets, String label) {
        return LabeledScoring.classify(classifier, snippets, contextUse, progress, label);
    }

    private float[][] intentMatrix(List<Classification> scores, List<String> labels) {
        List<String> modelLabels = classifier.info().intents();
        float[][] probs = new float[scores.size()][labels.size()];
        for (int i = 0; i < scores.size(); i++) {
            float[] row = scores.get(i).intentScores();
            for (int k = 0; k < labels.size(); k++) {
                int m = modelLabels.indexOf(labels.get(k));
                probs[i][k] = m < 0 ? 0f : row[m];
            }
        }
        return probs;
    }

    /** Lowest top-intent score among the 95% best-scored relevant validation snippets. */
    private Double relevanceThreshold(List<LabeledSnippet> validation, List<Classification> scores) {
        double[] relevantTop = new double[(int) validation.stream().filter(LabeledSnippet::relevant).count()];
        int r = 0;
        for (int i = 0; i < validation.size(); i++) {
            if (validation.get(i).relevant()) {
                relevantTop[r++] = maxIntent(scores.get(i));
            }
        }
        if (relevantTop.length == 0) {
            return null;
        }
        Arrays.sort(relevantTop);
        return relevantTop[(int) Math.floor((1 - KEEP_RELEVANT) * relevantTop.length)];
    }

    private IntentResults intentResults(Dataset dataset, List<LabeledSnippet> test, List<Classification> scores,
            Double threshold) {
        List<String> labels = dataset.intents();
        float[][] probs = intentMatrix(scores, labels);
        boolean[][] truth = HeadTrainer.truth(test.stream().map(LabeledSnippet::intents).toList(), labels);
        double accuracy = dataset.singleLabel() ? Metrics.topLabelAccuracy(probs, truth) : Double.NaN;
        double microF1 = Metrics.microF1(probs, truth, 0.5);
        List<Metrics.ReliabilityBin> reliability = pairwiseReliability(probs, truth);
        double topEce = Metrics.expectedCalibrationError(topLabelReliability(probs, truth));
        double[] top = scores.stream().mapToDouble(Evaluator::maxIntent).toArray();
        boolean[] relevant = new boolean[test.size()];
        for (int i = 0; i < test.size(); i++) {
            relevant[i] = test.get(i).relevant();
        }
        List<CurvePoint> curve = relevanceCurve(top, relevant);
        Double irrelevantRecall = null;
        Double relevantKept = null;
        if (threshold != null) {
            irrelevantRecall = share(top, relevant, false, threshold, false);
            relevantKept = share(top, relevant, true, threshold, true);
        }
        return new IntentResults(accuracy, microF1, Metrics.expectedCalibrationError(reliability), topEce, threshold,
                irrelevantRecall, relevantKept, Metrics.perLabel(labels, probs, truth, 0.5), curve, reliability);
    }

    /** Share of the examples of one kind whose top score is (at or above) / (below) the threshold. */
    private static Double share(double[] top, boolean[] relevant, boolean kind, double threshold, boolean above) {
        int n = 0;
        int hit = 0;
        for (int i = 0; i < top.length; i++) {
            if (relevant[i] == kind) {
                n++;
                hit += (top[i] >= threshold) == above ? 1 : 0;
            }
        }
        return n == 0 ? null : (double) hit / n;
    }

    private static List<CurvePoint> relevanceCurve(double[] top, boolean[] relevant) {
        List<CurvePoint> curve = new ArrayList<>();
        boolean hasBoth = false;
        for (int i = 1; i < relevant.length && !hasBoth; i++) {
            hasBoth = relevant[i] != relevant[0];
        }
        if (!hasBoth) {
            return curve;
        }
        for (int step = 0; step <= 100; step++) {
            double t = step / 100.0;
            curve.add(new CurvePoint(t, share(top, relevant, true, t, true), share(top, relevant, false, t, true)));
        }
        return curve;
    }

    private static List<Metrics.ReliabilityBin> topLabelReliability(float[][] probs, boolean[][] truth) {
        List<Double> confidence = new ArrayList<>();
        List<Boolean> correct = new ArrayList<>();
        for (int i = 0; i < probs.length; i++) {
            int best = Metrics.argmax(probs[i]);
            boolean any = false;
            for (boolean[] column : truth) {
                any |= column[i];
            }
            if (!any) {
                continue;
            }
            confidence.add((double) probs[i][best]);
            correct.add(truth[best][i]);
        }
        return Metrics.reliability(confidence.stream().mapToDouble(Double::doubleValue).toArray(),
                toArray(correct), BINS);
    }

    private static List<Metrics.ReliabilityBin> pairwiseReliability(float[][] probs, boolean[][] truth) {
        int n = probs.length * truth.length;
        double[] confidence = new double[n];
        boolean[] correct = new boolean[n];
        int p = 0;
        for (int i = 0; i < probs.length; i++) {
            for (int k = 0; k < truth.length; k++) {
                confidence[p] = probs[i][k];
                correct[p++] = truth[k][i];
            }
        }
        return Metrics.reliability(confidence, correct, BINS);
    }

    private ReputationResults reputationResults(List<LabeledSnippet> test, List<Classification> scores) {
        List<String> classes = Polarities.ALL;
        List<Integer> labeled = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (test.get(i).polarity() != null) {
                labeled.add(i);
            }
        }
        float[][] probs = new float[labeled.size()][];
        List<String> truthValues = new ArrayList<>();
        int[][] confusion = new int[classes.size()][classes.size()];
        double[] confidence = new double[labeled.size()];
        boolean[] correct = new boolean[labeled.size()];
        int hits = 0;
        for (int j = 0; j < labeled.size(); j++) {
            int i = labeled.get(j);
            probs[j] = scores.get(i).reputationScores();
            String truth = test.get(i).polarity();
            truthValues.add(truth);
            int predicted = Metrics.argmax(probs[j]);
            int actual = classes.indexOf(truth);
            confusion[actual][predicted]++;
            confidence[j] = probs[j][predicted];
            correct[j] = predicted == actual;
            hits += correct[j] ? 1 : 0;
        }
        boolean[][] oneHot = HeadTrainer.oneHot(truthValues, classes);
        float[][] argmaxOnly = new float[probs.length][classes.size()];
        for (int j = 0; j < probs.length; j++) {
            argmaxOnly[j][Metrics.argmax(probs[j])] = 1f;
        }
        List<Metrics.LabelReport> perClass = Metrics.perLabel(classes, argmaxOnly, oneHot, 0.5);
        double macroF1 = perClass.stream().mapToDouble(Metrics.LabelReport::f1).average().orElse(0);
        List<Metrics.ReliabilityBin> reliability = Metrics.reliability(confidence, correct, BINS);
        return new ReputationResults((double) hits / Math.max(1, labeled.size()), macroF1,
                Metrics.expectedCalibrationError(reliability), perClass, confusion, reliability);
    }

    private static double maxIntent(Classification c) {
        return Metrics.max(c.intentScores());
    }

    private static boolean[] toArray(List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
