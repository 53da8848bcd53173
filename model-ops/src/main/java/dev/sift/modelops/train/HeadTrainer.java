package dev.sift.modelops.train;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.evaluate.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Trains calibrated heads on sentence embeddings.
 *
 * <p>The regularization is measured, not guessed: the costs of the grid are fitted along a {@link CostPath} (from a
 * usual cost up while the score rises, down when the start stays best), each fit starting near the previous
 * solutions, and each is scored on the validation split (or, without one, on the out-of-fold scores of k-fold
 * cross-validation on train); a walk in one direction stops {@link CostPath#patience()} costs past its best. The
 * held-out scores of the chosen cost then calibrate the probabilities (temperature for a softmax head, Platt scaling
 * for a sigmoid head), and the calibration is folded into the weights, so the head stays a plain linear layer plus
 * activation.
 *
 * <p>Intents get one sigmoid per intent (one-vs-rest logistic regressions) unless the options ask for a softmax head
 * (multinomial). The reputation head is a softmax over one-vs-rest scores, calibrated by temperature. A learning loop
 * that retrains often can pass the previous head as a warm start: with the same labels or more (new ones anywhere in
 * the list), the fit starts where the last one ended, at the cost it chose.
 */
public final class HeadTrainer {

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
     * Trains the intent head: sigmoid or softmax as {@link TrainingOptions#intentHead()} decides; "no intent above
     * its threshold" means irrelevant either way.
     *
     * @param train training embeddings and labels
     * @param validation validation embeddings and labels, or {@code null} to cross-validate
     * @param labels intent labels
     * @param singleLabel whether every example has at most one intent: select by top-label accuracy (else micro-F1
     *     at 0.5)
     * @return the head
     */
    public Result trainIntents(Examples train, Examples validation, List<String> labels, boolean singleLabel) {
        return trainIntents(train, validation, labels, singleLabel, null);
    }

    /**
     * Trains the intent head starting from a previous one (see {@link #trainIntents(Examples, Examples, List,
     * boolean)}), walking the costs from the previous head's {@link LinearHead#regularization()}. Any start reaches
     * the same optimum; a close one reaches it in fewer passes. Pass a single cost in the options for the fastest
     * retrain.
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
        Loss loss = activation == Activation.SOFTMAX ? Loss.MULTINOMIAL : Loss.ONE_VS_REST;
        return train(new Head(BundleManifest.INTENTS, activation, loss, labels), data, metric, start,
                previous == null ? Double.NaN : previous.regularization());
    }

    /**
     * Trains the reputation head: negative / neutral / positive, one softmax distribution over one-vs-rest scores.
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
        return train(new Head(BundleManifest.REPUTATION, Activation.SOFTMAX, Loss.ONE_VS_REST, classes), data,
                Metric.ACCURACY, null, Double.NaN);
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

    /** What is trained: the head's role, its output, the loss its scores are fitted to, its columns. */
    private record Head(String role, Activation activation, Loss loss, List<String> labels) {
    }

    /** The best cost so far: its models (one per split), their held-out scores, its score and grid index. */
    private static final class Best {
        private LinearModel[] models;
        private double[][] heldOut;
        private double cost = Double.NaN;
        private double score = Double.NEGATIVE_INFINITY;
        private int index = -1;
    }

    private Result train(Head head, Labeled data, Metric metric, LinearModel start, double startCost) {
        int k = head.labels().size();
        boolean[][] trainTruth = truth(data.positives(), k);
        List<Split> splits = data.validation() != null ? List.of(new Split(range(data.train().size()), null))
                : folds(data.train().size());
        boolean[][] heldOutTruth = data.validation() != null ? data.validationTruth() : trainTruth;
        double[] grid = options.ascendingCosts();
        Map<Double, Double> scores = new LinkedHashMap<>();
        try (HeadFitter fitter = fitter(head.loss(), data, trainTruth, k);
             Progress.Task task = progress.start("Fitting " + head.role() + " head (" + k + " "
                     + head.activation().manifestName() + " outputs, up to " + (grid.length + 1) * splits.size()
                     + " fits)", (long) (grid.length + 1) * splits.size())) {
            Walk walk = new Walk(head, data, metric, splits, heldOutTruth, grid, fitter, task, scores);
            Best best = new Best();
            LinearModel[] none = new LinearModel[splits.size()];
            if (!fitter.warmStarts()) {
                // Every cost is fitted from zero anyway: no walk to shorten.
                walk.run(0, +1, new Walk.Point(none, Double.NaN), new Walk.Point(none, Double.NaN), best, false);
            } else {
                int first = options.path().startIndex(grid, startCost);
                LinearModel[] from = new LinearModel[splits.size()];
                Arrays.fill(from, start);
                // The start (an earlier head) is no point of this data's path: nothing to extrapolate from yet.
                walk.run(first, +1, new Walk.Point(none, Double.NaN), new Walk.Point(from, Double.NaN), best, true);
                if (best.index == first && first > 0) {
                    // Down from the start, along the line through the cost above it and the start.
                    Walk.Point above = first + 1 < grid.length && walk.fitted.containsKey(first + 1)
                            ? new Walk.Point(walk.fitted.get(first + 1), grid[first + 1])
                            : new Walk.Point(none, Double.NaN);
                    walk.run(first - 1, -1, above, new Walk.Point(walk.fitted.get(first), grid[first]), best, true);
                }
                if (options.path().refine()) {
                    walk.refine(best);
                }
            }
            LinearModel chosen = data.validation() != null ? best.models[0]
                    : fitter.fit(range(data.train().size()), best.cost,
                            fitter.warmStarts() ? LinearModel.mean(Arrays.asList(best.models)) : null);
            return new Result(calibrated(head, chosen, best.heldOut, heldOutTruth, best.cost), metric.label, scores);
        }
    }

    /** Fits costs along the grid, one direction at a time, keeping every split's solution of every cost fitted. */
    private final class Walk {
        private final Head head;
        private final Labeled data;
        private final Metric metric;
        private final List<Split> splits;
        private final boolean[][] heldOutTruth;
        private final double[] grid;
        private final HeadFitter fitter;
        private final Progress.Task task;
        private final Map<Double, Double> scores;
        private final Map<Integer, LinearModel[]> fitted = new HashMap<>();

        Walk(Head head, Labeled data, Metric metric, List<Split> splits, boolean[][] heldOutTruth, double[] grid,
                HeadFitter fitter, Progress.Task task, Map<Double, Double> scores) {
            this.head = head;
            this.data = data;
            this.metric = metric;
            this.splits = splits;
            this.heldOutTruth = heldOutTruth;
            this.grid = grid;
            this.fitter = fitter;
            this.task = task;
            this.scores = scores;
        }

        /**
         * Each split's solution at one cost.
         *
         * @param models one per split (null entries: none)
         * @param cost the cost they were fitted at on this data, or NaN when they were not
         */
        private record Point(LinearModel[] models, double cost) {
        }

        /**
         * Fits {@code grid[from]}, {@code grid[from + step]}, ... until the grid ends or, when {@code patient}, the
         * score has fallen {@link CostPath#patience()} times after the best.
         *
         * @param from first grid index
         * @param step +1 (up) or -1 (down)
         * @param before the solutions before {@code last}, to extrapolate from
         * @param last the solutions the first fit starts from (or extrapolates from)
         * @param best updated with the best cost
         * @param patient whether to stop after {@link CostPath#patience()} costs past the best
         */
        void run(int from, int step, Point before, Point last, Best best, boolean patient) {
            LinearModel[] previous = before.models();
            double previousCost = before.cost();
            LinearModel[] current = last.models();
            double currentCost = last.cost();
            int sinceBest = 0;
            for (int i = from; i >= 0 && i < grid.length; i += step) {
                double cost = grid[i];
                double[][] heldOut = new double[heldOutTruth[0].length][];
                LinearModel[] next = new LinearModel[splits.size()];
                for (int s = 0; s < splits.size(); s++) {
                    LinearModel init = current[s];
                    if (options.path().extrapolate() && previous[s] != null && init != null
                            && !Double.isNaN(previousCost) && !Double.isNaN(currentCost)) {
                        init = LinearModel.extrapolate(previous[s], previousCost, init, currentCost, cost);
                    }
                    next[s] = fitter.fit(splits.get(s).fitOn(), cost, fitter.warmStarts() ? init : null);
                    place(heldOut, splits.get(s), next[s], data);
                    task.step();
                }
                previous = current;
                previousCost = currentCost;
                current = next;
                currentCost = cost;
                fitted.put(i, next);
                double score = score(metric, head.activation(), heldOut, heldOutTruth);
                scores.put(cost, score);
                if (best.models == null || score > best.score + 1e-9) {
                    best.models = next.clone();
                    best.heldOut = heldOut;
                    best.cost = cost;
                    best.score = score;
                    best.index = i;
                    sinceBest = 0;
                } else if (patient && ++sinceBest >= options.path().patience()) {
                    break;
                }
            }
        }

        /**
         * Fits the cost halfway (in log-cost) between the best grid cost and its better-scoring fitted neighbour,
         * starting halfway between their solutions; it becomes the best when it scores higher.
         *
         * @param best the best cost of the walk, updated
         */
        void refine(Best best) {
            int b = best.index;
            int neighbour = -1;
            for (int n : new int[] {b - 1, b + 1}) {
                if (fitted.containsKey(n) && (neighbour < 0 || scores.get(grid[n]) > scores.get(grid[neighbour]))) {
                    neighbour = n;
                }
            }
            if (b < 0 || neighbour < 0) {
                return;
            }
            double cost = Math.sqrt(grid[b] * grid[neighbour]);
            double[][] heldOut = new double[heldOutTruth[0].length][];
            LinearModel[] models = new LinearModel[splits.size()];
            for (int s = 0; s < splits.size(); s++) {
                LinearModel init = options.path().extrapolate() ? LinearModel.extrapolate(fitted.get(neighbour)[s],
                        grid[neighbour], fitted.get(b)[s], grid[b], cost) : fitted.get(b)[s];
                models[s] = fitter.fit(splits.get(s).fitOn(), cost, init);
                place(heldOut, splits.get(s), models[s], data);
                task.step();
            }
            double score = score(metric, head.activation(), heldOut, heldOutTruth);
            scores.put(cost, score);
            if (score > best.score + 1e-9) {
                best.models = models;
                best.heldOut = heldOut;
                best.cost = cost;
                best.score = score;
            }
        }
    }

    private HeadFitter fitter(Loss loss, Labeled data, boolean[][] trainTruth, int labels) {
        float[][] x = data.train().x();
        return switch (options.solver()) {
            case LBFGS -> new LbfgsFitter(x, data.positives(), loss, true, labels, options.threads());
            case LBFGS_JOINT -> new LbfgsFitter(x, data.positives(), loss, false, labels, options.threads());
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

    private LinearHead calibrated(Head head, LinearModel model, double[][] heldOut, boolean[][] truth, double cost) {
        Activation activation = head.activation();
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
        return new LinearHead(head.role(), activation, head.labels(), width, w, b, entry, cost);
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
