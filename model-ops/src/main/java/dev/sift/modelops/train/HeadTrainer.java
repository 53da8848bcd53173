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
import java.util.stream.IntStream;

/**
 * Trains calibrated heads on sentence embeddings.
 *
 * <p>The regularization is measured, not guessed: the costs are fitted from the smallest up, each fit starting from
 * the previous one's solution, and each is scored on the validation split (or, without one, on the out-of-fold scores
 * of k-fold cross-validation on train); the path stops once the score has fallen twice in a row after its best. The
 * held-out scores of the chosen cost then calibrate the probabilities (temperature for a softmax head, Platt scaling
 * for a sigmoid head), and the calibration is folded into the weights, so the head stays a plain linear layer plus
 * activation.
 *
 * <p>Single-label intents get a softmax head (multinomial logistic regression) unless the options say otherwise;
 * multi-label intents get one sigmoid per intent. A learning loop that retrains often can pass the previous head as a
 * warm start: with the same labels or more (new ones appended), the fit starts where the last one ended.
 */
public final class HeadTrainer {

    /** Costs fitted past the best held-out score before a warm-started path stops. */
    private static final int PATIENCE = 2;

    private final TrainingOptions options;
    private final Progress progress;

    /**
     * @param options cost grid, folds, threads, seed, head choice and solver
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
     * @param scoreByCost held-out selection metric of every cost tried, in the order tried
     */
    public record Result(LinearHead head, String metric, Map<Double, Double> scoreByCost) {
    }

    /**
     * Trains the intent head: softmax or sigmoid as {@link TrainingOptions#intentHead()} decides; "no intent above
     * its threshold" means irrelevant either way.
     *
     * @param train training embeddings and labels
     * @param validation validation embeddings and labels, or {@code null} to cross-validate
     * @param labels intent labels
     * @param singleLabel whether every example has at most one intent: select by top-label accuracy (else micro-F1
     *     at 0.5), and a softmax head under {@link IntentHead#AUTO}
     * @return the head
     */
    public Result trainIntents(Examples train, Examples validation, List<String> labels, boolean singleLabel) {
        return trainIntents(train, validation, labels, singleLabel, null);
    }

    /**
     * Trains the intent head starting from a previous one (see {@link #trainIntents(Examples, Examples, List,
     * boolean)}). Any start reaches the same optimum; a close one reaches it in fewer iterations. Pass a single cost
     * in the options (for example the previous head's {@link LinearHead#regularization()}) for the fastest retrain.
     *
     * @param train training embeddings and labels
     * @param validation validation embeddings and labels, or {@code null} to cross-validate
     * @param labels intent labels: the previous head's, possibly with new ones anywhere in the list
     * @param singleLabel whether every example has at most one intent
     * @param previous the head to start from, or {@code null} for a cold start
     * @return the head
     * @throws IllegalArgumentException when the previous head has another activation or width, or labels that
     *     {@code labels} lacks
     */
    public Result trainIntents(Examples train, Examples validation, List<String> labels, boolean singleLabel,
            LinearHead previous) {
        Activation activation = options.intentHead().resolve(singleLabel);
        LinearModel start = previous == null ? null : WarmStart.from(previous, activation, labels, train.width());
        Metric metric = singleLabel ? Metric.ACCURACY : Metric.MICRO_F1;
        Labeled data = new Labeled(train, positives(train.intents(), labels),
                validation, validation == null ? null : truth(validation.intents(), labels));
        return train(BundleManifest.INTENTS, activation, labels, data, metric, start);
    }

    /**
     * Trains the reputation head: negative / neutral / positive, one softmax distribution.
     *
     * @param train training embeddings and polarities
     * @param validation validation embeddings and polarities, or {@code null} to cross-validate
     * @param classes the polarity classes, in output order
     * @return the head
     */
    public Result trainReputation(Examples train, Examples validation, List<String> classes) {
        boolean[][] trainTruth = oneHot(train.polarities(), classes);
        Labeled data = new Labeled(train, positives(trainTruth, train.size()), validation,
                validation == null ? null : oneHot(validation.polarities(), classes));
        return train(BundleManifest.REPUTATION, Activation.SOFTMAX, classes, data, Metric.ACCURACY, null);
    }

    /** Training examples with each one's label indices, and the held-out truth {@code [label][example]}. */
    private record Labeled(Examples train, int[][] positives, Examples validation, boolean[][] validationTruth) {
    }

    private enum Metric {
        ACCURACY("accuracy"),
        MICRO_F1("micro-F1@0.5");

        private final String label;

        Metric(String label) {
            this.label = label;
        }
    }

    /** Where held-out scores come from: the validation split, or the out-of-fold examples of each fold. */
    private record Split(int[] fitOn, int[] heldOut) {
    }

    private Result train(String role, Activation activation, List<String> labels, Labeled data, Metric metric,
            LinearModel start) {
        int k = labels.size();
        boolean[][] trainTruth = truth(data.positives(), k);
        List<Split> splits = data.validation() != null ? List.of(new Split(range(data.train().size()), null))
                : folds(data.train().size());
        boolean[][] heldOutTruth = data.validation() != null ? data.validationTruth() : trainTruth;
        double[] costs = options.ascendingCosts();
        Map<Double, Double> scores = new LinkedHashMap<>();
        try (HeadFitter fitter = fitter(activation, data, trainTruth, k);
             Progress.Task task = progress.start("Fitting " + role + " head (" + k + " " + activation.manifestName()
                     + " outputs, up to " + costs.length * splits.size() + " fits)",
                     (long) costs.length * splits.size())) {
            LinearModel[] current = new LinearModel[splits.size()];
            Arrays.fill(current, start);
            LinearModel[] best = null;
            double[][] bestHeldOut = null;
            double bestCost = Double.NaN;
            double bestScore = Double.NEGATIVE_INFINITY;
            int sinceBest = 0;
            for (double cost : costs) {
                double[][] heldOut = new double[heldOutTruth[0].length][];
                for (int s = 0; s < splits.size(); s++) {
                    Split split = splits.get(s);
                    current[s] = fitter.fit(split.fitOn(), cost, fitter.warmStarts() ? current[s] : null);
                    place(heldOut, split, current[s], data);
                    task.step();
                }
                double score = score(metric, activation, heldOut, heldOutTruth);
                scores.put(cost, score);
                if (best == null || score > bestScore + 1e-9) {
                    best = current.clone();
                    bestHeldOut = heldOut;
                    bestCost = cost;
                    bestScore = score;
                    sinceBest = 0;
                } else if (fitter.warmStarts() && ++sinceBest >= PATIENCE) {
                    break;
                }
            }
            LinearModel chosen = data.validation() != null ? best[0]
                    : fitter.fit(range(data.train().size()), bestCost,
                            fitter.warmStarts() ? LinearModel.mean(Arrays.asList(best)) : null);
            return new Result(calibrated(role, activation, labels, chosen, bestHeldOut, heldOutTruth, bestCost),
                    metric.label, scores);
        }
    }

    private HeadFitter fitter(Activation activation, Labeled data, boolean[][] trainTruth, int labels) {
        float[][] x = data.train().x();
        return switch (options.solver()) {
            case LBFGS -> new LbfgsFitter(x, data.positives(), activation, labels, options.threads());
            case LIBLINEAR -> new LogisticFitter(x, trainTruth, options.threads(), options.seed());
        };
    }

    /** Writes the held-out scores of one split's model into the held-out matrix. */
    private static void place(double[][] heldOut, Split split, LinearModel model, Labeled data) {
        if (split.heldOut() == null) {
            double[][] z = model.logits(data.validation().x());
            System.arraycopy(z, 0, heldOut, 0, z.length);
            return;
        }
        float[][] x = new float[split.heldOut().length][];
        for (int j = 0; j < x.length; j++) {
            x[j] = data.train().x()[split.heldOut()[j]];
        }
        double[][] z = model.logits(x);
        for (int j = 0; j < z.length; j++) {
            heldOut[split.heldOut()[j]] = z[j];
        }
    }

    /** The selection score: accuracy needs no calibration (it keeps the order), micro-F1 at 0.5 does. */
    private static double score(Metric metric, Activation activation, double[][] logits, boolean[][] truth) {
        if (metric == Metric.ACCURACY) {
            return Metrics.topLabelAccuracy(toFloat(logits), truth);
        }
        return Metrics.microF1(probabilities(activation, logits, calibrate(activation,
                logits, truth)), truth, 0.5);
    }

    private static Calibration.Platt calibrate(Activation activation, double[][] logits, boolean[][] truth) {
        if (activation == Activation.SOFTMAX) {
            return new Calibration.Platt(1 / Calibration.temperature(logits, positives(truth, logits.length)), 0);
        }
        return Calibration.platt(logits, truth);
    }

    private LinearHead calibrated(String role, Activation activation, List<String> labels, LinearModel model,
            double[][] heldOut, boolean[][] truth, double cost) {
        Calibration.Platt platt = calibrate(activation, heldOut, truth);
        BundleManifest.Calibration entry = activation == Activation.SOFTMAX ? Calibration.entry(1 / platt.scale())
                : Calibration.entry(platt);
        int width = model.width();
        int k = model.labels();
        float[] w = new float[width * k];
        float[] b = new float[k];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (platt.scale() * model.weights()[i]);
        }
        for (int j = 0; j < k; j++) {
            b[j] = (float) (platt.scale() * model.bias()[j] + platt.offset());
        }
        return new LinearHead(role, activation, labels, width, w, b, entry, cost);
    }

    private static float[][] probabilities(Activation activation, double[][] logits, Calibration.Platt platt) {
        float[][] p = new float[logits.length][];
        for (int i = 0; i < logits.length; i++) {
            double[] z = new double[logits[i].length];
            for (int k = 0; k < z.length; k++) {
                z[k] = platt.scale() * logits[i][k] + platt.offset();
            }
            p[i] = activation.apply(z);
        }
        return p;
    }

    private List<Split> folds(int n) {
        int folds = Math.min(options.folds(), n);
        int[] order = range(n);
        shuffle(order, new Random(options.seed()));
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            final int fold = f;
            int[] heldOut = IntStream.range(0, n).filter(j -> j % folds == fold)
                    .map(j -> order[j]).sorted().toArray();
            int[] fitOn = IntStream.range(0, n).filter(j -> j % folds != fold)
                    .map(j -> order[j]).sorted().toArray();
            splits.add(new Split(fitOn, heldOut));
        }
        return splits;
    }

    private static float[][] toFloat(double[][] z) {
        float[][] out = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = new float[z[i].length];
            for (int k = 0; k < z[i].length; k++) {
                out[i][k] = (float) z[i][k];
            }
        }
        return out;
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

    private static int[][] positives(List<Set<String>> intents, List<String> labels) {
        return positives(truth(intents, labels), intents.size());
    }

    /** Label indices of each example, from a truth matrix {@code [label][example]}. */
    private static int[][] positives(boolean[][] truth, int n) {
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            final int example = i;
            out[i] = IntStream.range(0, truth.length).filter(k -> truth[k][example]).toArray();
        }
        return out;
    }

    private static boolean[][] truth(int[][] positives, int labels) {
        boolean[][] t = new boolean[labels][positives.length];
        for (int i = 0; i < positives.length; i++) {
            for (int k : positives[i]) {
                t[k][i] = true;
            }
        }
        return t;
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
