package dev.sift.modelops.train;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.evaluate.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Trains calibrated heads on sentence embeddings.
 *
 * <p>The regularization is measured, not guessed: each cost of the grid is fitted and scored on the validation
 * split (or, without one, by k-fold cross-validation on train), and the best one is kept. The held-out logits of the
 * chosen cost then calibrate the probabilities (Platt scaling for intents, temperature for reputation), and the
 * calibration is folded into the weights, so the head stays a plain linear layer plus activation.
 */
public final class HeadTrainer {

    private final TrainingOptions options;
    private final Progress progress;

    /**
     * @param options cost grid, folds, threads and seed
     * @param progress where to report progress
     */
    public HeadTrainer(TrainingOptions options, Progress progress) {
        this.options = options;
        this.progress = progress;
    }

    /**
     * A trained head with how it was chosen.
     *
     * @param head the calibrated head
     * @param metric name of the selection metric
     * @param scoreByCost held-out selection metric of every cost tried
     */
    public record Result(LinearHead head, String metric, Map<Double, Double> scoreByCost) {
    }

    /**
     * Trains the multi-label intent head: one sigmoid per intent, "no intent above threshold" meaning irrelevant.
     *
     * @param train training embeddings and labels
     * @param validation validation embeddings and labels, or {@code null} to cross-validate
     * @param labels intent labels
     * @param singleLabel select by top-label accuracy (else micro-F1 at 0.5)
     * @return the head
     */
    public Result trainIntents(Examples train, Examples validation, List<String> labels, boolean singleLabel) {
        boolean[][] trainTruth = truth(train.intents(), labels);
        String metric = singleLabel ? "accuracy" : "micro-F1@0.5";
        return select(train, validation, trainTruth, validation == null ? null : truth(validation.intents(), labels),
                labels.size(), metric, (logits, truth) -> {
                    Calibration.Platt platt = Calibration.platt(logits, truth);
                    float[][] probs = sigmoid(logits, platt);
                    double score = singleLabel ? Metrics.topLabelAccuracy(probs, truth)
                            : Metrics.microF1(probs, truth, 0.5);
                    return new Scored(score, platt.scale(), platt.offset());
                }, (weights, scored, cost) -> {
                    float[][] wb = fold(weights, scored.scale(), scored.offset(), train.width());
                    return new LinearHead(BundleManifest.INTENTS, "sigmoid", labels, train.width(), wb[0], wb[1],
                            new BundleManifest.Calibration("platt",
                                    Map.of("scale", scored.scale(), "offset", scored.offset())), cost);
                });
    }

    /**
     * Trains the reputation head: negative / neutral / positive, softmax over one-vs-rest logits.
     *
     * @param train training embeddings and polarities
     * @param validation validation embeddings and polarities, or {@code null} to cross-validate
     * @param classes the polarity classes, in output order
     * @return the head
     */
    public Result trainReputation(Examples train, Examples validation, List<String> classes) {
        boolean[][] trainTruth = oneHot(train.polarities(), classes);
        return select(train, validation, trainTruth,
                validation == null ? null : oneHot(validation.polarities(), classes), classes.size(), "accuracy",
                (logits, truth) -> {
                    int[] index = indices(truth, logits.length);
                    double temperature = Calibration.temperature(logits, index);
                    float[][] probs = softmax(logits, temperature);
                    return new Scored(Metrics.topLabelAccuracy(probs, truth), 1 / temperature, 0);
                }, (weights, scored, cost) -> {
                    float[][] wb = fold(weights, scored.scale(), 0, train.width());
                    return new LinearHead(BundleManifest.REPUTATION, "softmax", classes, train.width(), wb[0], wb[1],
                            new BundleManifest.Calibration("temperature", Map.of("temperature", 1 / scored.scale())),
                            cost);
                });
    }

    private record Scored(double score, double scale, double offset) {
    }

    private interface Scorer {
        Scored score(double[][] logits, boolean[][] truth);
    }

    private interface HeadFactory {
        LinearHead make(double[][] weights, Scored scored, double cost);
    }

    private Result select(Examples train, Examples validation, boolean[][] trainTruth, boolean[][] validationTruth,
            int labels, String metric, Scorer scorer, HeadFactory factory) {
        LogisticFitter fitter = new LogisticFitter(train.x(), options.threads(), options.seed());
        int[] all = range(train.size());
        Map<Double, Double> scores = new LinkedHashMap<>();
        double bestCost = Double.NaN;
        Scored bestScored = null;
        double[][] bestWeights = null;
        int fits = options.costs().length * (validation == null ? options.folds() : 1);
        try (Progress.Task task = progress.start("Fitting heads (" + labels + " labels x " + fits + " fits)",
                (long) labels * fits)) {
            for (double cost : options.costs()) {
                double[][] weights;
                Scored scored;
                if (validation != null) {
                    weights = fitter.fit(trainTruth, cost, all, k -> task.step());
                    scored = scorer.score(LogisticFitter.logits(validation.x(), weights), validationTruth);
                } else {
                    double[][] outOfFold = crossValidatedLogits(fitter, train, trainTruth, cost, task);
                    scored = scorer.score(outOfFold, trainTruth);
                    weights = null;
                }
                scores.put(cost, scored.score());
                if (bestScored == null || scored.score() > bestScored.score() + 1e-9) {
                    bestScored = scored;
                    bestCost = cost;
                    bestWeights = weights;
                }
            }
        }
        if (bestWeights == null) {
            bestWeights = fitter.fit(trainTruth, bestCost, all, k -> { });
        }
        return new Result(factory.make(bestWeights, bestScored, bestCost), metric, scores);
    }

    private double[][] crossValidatedLogits(LogisticFitter fitter, Examples train, boolean[][] truth, double cost,
            Progress.Task task) {
        int n = train.size();
        int folds = Math.min(options.folds(), n);
        int[] order = range(n);
        shuffle(order, new Random(options.seed()));
        double[][] logits = new double[n][];
        for (int f = 0; f < folds; f++) {
            List<Integer> fitOn = new ArrayList<>();
            List<Integer> heldOut = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                (j % folds == f ? heldOut : fitOn).add(order[j]);
            }
            double[][] weights = fitter.fit(truth, cost, fitOn.stream().mapToInt(Integer::intValue).toArray(),
                    k -> task.step());
            float[][] x = heldOut.stream().map(i -> train.x()[i]).toArray(float[][]::new);
            double[][] z = LogisticFitter.logits(x, weights);
            for (int j = 0; j < heldOut.size(); j++) {
                logits[heldOut.get(j)] = z[j];
            }
        }
        return logits;
    }

    /** Folds {@code a·z + b} into the weights: {@code W' = a·W}, {@code b' = a·b + offset}. */
    private static float[][] fold(double[][] weights, double scale, double offset, int width) {
        int k = weights.length;
        float[] w = new float[width * k];
        float[] b = new float[k];
        for (int j = 0; j < k; j++) {
            for (int d = 0; d < width; d++) {
                w[d * k + j] = (float) (scale * weights[j][d]);
            }
            b[j] = (float) (scale * weights[j][width] + offset);
        }
        return new float[][] {w, b};
    }

    private static float[][] sigmoid(double[][] logits, Calibration.Platt platt) {
        float[][] p = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double[] z = new double[logits[i].length];
            for (int k = 0; k < z.length; k++) {
                z[k] = platt.scale() * logits[i][k] + platt.offset();
            }
            p[i] = Activations.sigmoid(z);
        }
        return p;
    }

    private static float[][] softmax(double[][] logits, double temperature) {
        float[][] p = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double[] z = new double[logits[i].length];
            for (int k = 0; k < z.length; k++) {
                z[k] = logits[i][k] / temperature;
            }
            p[i] = Activations.softmax(z);
        }
        return p;
    }

    /**
     * Truth matrix {@code [label][example]}.
     *
     * @param intents each example's intents
     * @param labels label order
     * @return the matrix
     */
    public static boolean[][] truth(List<Set<String>> intents, List<String> labels) {
        boolean[][] t = new boolean[labels.size()][intents.size()];
        for (int i = 0; i < intents.size(); i++) {
            for (String intent : intents.get(i)) {
                int k = labels.indexOf(intent);
                if (k >= 0) {
                    t[k][i] = true;
                }
            }
        }
        return t;
    }

    /**
     * One-hot truth {@code [class][example]}.
     *
     * @param values each example's class
     * @param classes class order
     * @return the matrix
     */
    public static boolean[][] oneHot(List<String> values, List<String> classes) {
        boolean[][] t = new boolean[classes.size()][values.size()];
        for (int i = 0; i < values.size(); i++) {
            int k = classes.indexOf(values.get(i));
            if (k < 0) {
                throw new IllegalArgumentException("unknown class '" + values.get(i) + "' (classes: " + classes + ")");
            }
            t[k][i] = true;
        }
        return t;
    }

    private static int[] indices(boolean[][] oneHot, int n) {
        int[] index = new int[n];
        for (int k = 0; k < oneHot.length; k++) {
            for (int i = 0; i < n; i++) {
                if (oneHot[k][i]) {
                    index[i] = k;
                }
            }
        }
        return index;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
