package dev.sift.modelops.benchmark;

import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.FeatureExtractor;
import dev.sift.modelops.evaluate.EvaluationReport;
import dev.sift.modelops.evaluate.Evaluator;
import dev.sift.modelops.train.CostPath;
import dev.sift.modelops.train.Examples;
import dev.sift.modelops.train.IntentHead;
import dev.sift.modelops.train.Solver;
import dev.sift.modelops.train.TrainingOptions;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Head training, variants side by side: each data set is embedded once (through the feature cache), then every
 * round fits the heads of each variant on the same embeddings, in alternating order, timing the fit alone (from
 * embeddings in memory to calibrated heads: cost selection, the final fit and calibration included; embedding and
 * graph fusion excluded), and measures the heads on the test split with the {@link Evaluator}.
 */
public final class TrainingBenchmark {

    /**
     * A way of training heads.
     *
     * @param name short name for the tables
     * @param description what it is
     * @param options how it trains
     */
    public record Variant(String name, String description, TrainingOptions options) {
    }

    /**
     * One fit of one variant on one data set.
     *
     * @param dataset data set name
     * @param variant variant name
     * @param round round number, from 0
     * @param wallSeconds elapsed time of the fit
     * @param cpuSeconds CPU time of the whole process during the fit (every thread)
     * @param report what the heads measured on the test split
     */
    public record Measurement(String dataset, String variant, int round, double wallSeconds, double cpuSeconds,
            EvaluationReport report) {
    }

    private final List<Variant> variants;
    private final int threads;
    private final Progress progress;

    /**
     * @param variants variants to compare, the reference first
     * @param threads threads each fit may use
     * @param progress progress reporting
     */
    public TrainingBenchmark(List<Variant> variants, int threads, Progress progress) {
        this.variants = List.copyOf(variants);
        this.threads = threads;
        this.progress = progress;
    }

    /**
     * The variants this project compares: the earlier recipes and the current one.
     *
     * @param threads threads each fit may use
     * @return {@code liblinear-ovr} (the first recipe), {@code lbfgs-joint} (the recipe before per-column fits),
     *     {@code lbfgs-softmax} (the current recipe with a softmax intent head) and {@code lbfgs} (the default)
     */
    public static List<Variant> standardVariants(int threads) {
        TrainingOptions now = TrainingOptions.defaults().withThreads(threads);
        TrainingOptions first = new TrainingOptions(new double[] {0.5, 2, 8, 32, 128}, 5, threads, 0,
                IntentHead.SIGMOID, Solver.LIBLINEAR, CostPath.ascending());
        TrainingOptions joint = now.withIntentHead(IntentHead.SIGMOID).withSolver(Solver.LBFGS_JOINT)
                .withPath(CostPath.ascending());
        return List.of(
                new Variant("liblinear-ovr", "first recipe: liblinear one-vs-rest sigmoid intents, every cost from "
                        + "zero", first),
                new Variant("lbfgs-joint", "before: one L-BFGS over all columns, sigmoid intents, costs from the "
                        + "smallest up, each from the previous solution", joint),
                new Variant("lbfgs-softmax", "L-BFGS, softmax (multinomial) intents, cost walk from 32 with "
                        + "extrapolated starts", now.withIntentHead(IntentHead.SOFTMAX)),
                new Variant("lbfgs", "default: one L-BFGS per column sharing the passes, sigmoid intents, cost walk "
                        + "from 32 with extrapolated starts", now));
    }

    /**
     * Runs the rounds on one data set.
     *
     * @param dataset the data set
     * @param extractor the encoder's features
     * @param rounds rounds (each fits every variant once)
     * @return every measurement
     */
    public List<Measurement> run(Dataset dataset, FeatureExtractor extractor, int rounds) {
        Examples train = BundleTraining.embed(extractor, dataset.train(), "train split", progress);
        Examples validation = dataset.validation().isEmpty() ? null
                : BundleTraining.embed(extractor, dataset.validation(), "validation split", progress);
        Examples test = BundleTraining.embed(extractor, dataset.test(), "test split", progress);
        Map<String, float[]> embeddings = new HashMap<>();
        put(embeddings, dataset.train(), train);
        if (validation != null) {
            put(embeddings, dataset.validation(), validation);
        }
        put(embeddings, dataset.test(), test);
        List<Measurement> out = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<Variant> order = new ArrayList<>(variants);
            if (round % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Variant variant : order) {
                out.add(measure(dataset, train, validation, embeddings, variant, round));
            }
        }
        return out;
    }

    private Measurement measure(Dataset dataset, Examples train, Examples validation,
            Map<String, float[]> embeddings, Variant variant, int round) {
        TrainingOptions withThreads = variant.options().withThreads(threads);
        System.gc();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        BundleTraining.Heads heads = BundleTraining.trainHeads(train, validation, dataset, withThreads, progress);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        Map<String, Object> selection = new java.util.LinkedHashMap<>();
        if (heads.intents() != null) {
            selection.put("intents", Map.of("activation", heads.intents().head().activation().manifestName(),
                    "scoreByCost", heads.intents().scoreByCost(), "chosenCost",
                    heads.intents().head().regularization()));
        }
        if (heads.reputation() != null) {
            selection.put("reputation", Map.of("scoreByCost", heads.reputation().scoreByCost(), "chosenCost",
                    heads.reputation().head().regularization()));
        }
        try (FeatureClassifier classifier = new FeatureClassifier(embeddings,
                heads.intents() == null ? null : heads.intents().head(),
                heads.reputation() == null ? null : heads.reputation().head(), variant.name())) {
            EvaluationReport report = new Evaluator(classifier, Progress.NONE).evaluate(dataset, selection);
            return new Measurement(dataset.name(), variant.name(), round, wall, cpuSeconds, report);
        }
    }

    private static void put(Map<String, float[]> embeddings, List<LabeledSnippet> snippets, Examples examples) {
        for (int i = 0; i < snippets.size(); i++) {
            embeddings.put(snippets.get(i).text(), examples.x()[i]);
        }
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
