package dev.sift.modelops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.bundle.TrainedBundles;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.evaluate.Charts;
import dev.sift.modelops.evaluate.ContextUse;
import dev.sift.modelops.evaluate.EvaluationReport;
import dev.sift.modelops.evaluate.Evaluator;
import dev.sift.modelops.evaluate.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains heads on a data set's train split and measures the resulting bundle on its test split: the figures the
 * README quotes come from this command.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Train heads on the train split (or take --bundle), then measure the bundle on the test split "
                + "(accuracy / micro-F1, per-label report, calibration error, relevance curve); writes JSON and PNG. "
                + "A context-aware bundle is measured twice, side by side: each turn with its thread's earlier turns "
                + "(as a gateway that saw them) and each turn alone.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Mixin
    EncoderOptions encoder;

    @Mixin
    ContextOptions context;

    @Option(names = "--bundle", description = "Measure this bundle instead of training one on the train split.")
    Path bundle;

    @Option(names = "--out", defaultValue = "model-ops-reports", description = "Report folder (default ./model-ops-reports).")
    Path out;

    @Override
    public Integer call() throws IOException {
        ConsoleProgress progress = new ConsoleProgress();
        Dataset dataset = data.read();
        String slug = dataset.name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        long start = System.nanoTime();
        ModelBundle trained = bundle != null ? ModelBundle.open(bundle) : TrainedBundles.ensure(context.apply(
                new BundleTraining(encoder.encoder(), SiftHome.work(), encoder.maxTokens, encoder.training(), progress),
                dataset), dataset);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        Files.createDirectories(out);
        try (OnnxClassifier classifier = OnnxClassifier.open(trained,
                InferenceSettings.defaults().withIntraOpThreads(Runtime.getRuntime().availableProcessors())
                        .withMaxBatchSize(64))) {
            Map<String, Object> summary = new java.util.LinkedHashMap<>(trained.manifest().provenance());
            summary.put("selection", trained.manifest().metrics());
            if (bundle == null) {
                summary.put("trainingSeconds", Math.round(trainSeconds));
            }
            EvaluationReport report = new Evaluator(classifier, progress).evaluate(dataset, summary);
            write(report, slug, true);
            if (classifier.info().context().isPresent()) {
                // The same bundle judging each turn alone: what the thread's earlier turns are worth.
                EvaluationReport alone = new Evaluator(classifier, progress, ContextUse.WITHOUT_CONTEXT)
                        .evaluate(dataset, summary);
                write(alone, slug + "-without-context", false);
                printSideBySide(report, alone);
            }
        }
        return 0;
    }

    private void write(EvaluationReport report, String slug, boolean chart) throws IOException {
        Path json = out.resolve(slug + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        print(report, json, chart ? Charts.evaluation(report, out.resolve(slug + ".png")) : null);
    }

    private static void printSideBySide(EvaluationReport with, EvaluationReport without) {
        System.out.println();
        System.out.printf("%-28s %14s %14s%n", "the same bundle", "with context", "turn alone");
        if (with.intents() != null && without.intents() != null) {
            if (!Double.isNaN(with.intents().accuracy())) {
                System.out.printf("%-28s %13.2f%% %13.2f%%%n", "intent accuracy (top-1)",
                        100 * with.intents().accuracy(), 100 * without.intents().accuracy());
            }
            System.out.printf("%-28s %14.4f %14.4f%n", "intent micro-F1@0.5", with.intents().microF1(),
                    without.intents().microF1());
            System.out.printf("%-28s %14.4f %14.4f%n", "intent ECE", with.intents().expectedCalibrationError(),
                    without.intents().expectedCalibrationError());
        }
        if (with.reputation() != null && without.reputation() != null) {
            System.out.printf("%-28s %13.2f%% %13.2f%%%n", "reputation accuracy", 100 * with.reputation().accuracy(),
                    100 * without.reputation().accuracy());
        }
    }

    private static void print(EvaluationReport r, Path json, Path chart) {
        System.out.println();
        System.out.printf("%-22s %s%n", "data set", r.dataset());
        System.out.printf("%-22s %s (%s)%n", "bundle", r.modelVersion(), r.encoder());
        System.out.printf("%-22s %d / %d%n", "train / test", r.trainSize(), r.testSize());
        System.out.printf("%-22s %s%n", "head selection", r.training());
        if (r.intents() != null) {
            var i = r.intents();
            if (!Double.isNaN(i.accuracy())) {
                System.out.printf("%-22s %.2f%%%n", "intent accuracy", 100 * i.accuracy());
            }
            System.out.printf("%-22s %.4f%n", "intent micro-F1@0.5", i.microF1());
            System.out.printf("%-22s %.4f (top intent: %.4f)%n", "intent ECE", i.expectedCalibrationError(),
                    i.topIntentCalibrationError());
            if (i.relevanceThreshold() != null) {
                System.out.printf("%-22s threshold %.3f keeps 95%% of relevant validation snippets: on test, "
                        + "irrelevant recall %.2f%%, relevant kept %.2f%%%n", "relevance filter",
                        i.relevanceThreshold(), 100 * nz(i.irrelevantRecallAtThreshold()),
                        100 * nz(i.relevantKeptAtThreshold()));
            }
            System.out.println("weakest intents (F1@0.5):");
            i.perLabel().stream().filter(l -> l.support() > 0).sorted(Comparator.comparingDouble(Metrics.LabelReport::f1))
                    .limit(5).forEach(l -> System.out.printf("  %-30s P %.2f  R %.2f  F1 %.2f  (n=%d)%n", l.label(),
                            l.precision(), l.recall(), l.f1(), l.support()));
        }
        if (r.reputation() != null) {
            var p = r.reputation();
            System.out.printf("%-22s %.2f%%%n", "reputation accuracy", 100 * p.accuracy());
            System.out.printf("%-22s %.4f%n", "reputation macro-F1", p.macroF1());
            System.out.printf("%-22s %.4f%n", "reputation ECE", p.expectedCalibrationError());
            p.perClass().forEach(l -> System.out.printf("  %-30s P %.2f  R %.2f  F1 %.2f  (n=%d)%n", l.label(),
                    l.precision(), l.recall(), l.f1(), l.support()));
        }
        System.out.println("report  " + json);
        if (chart != null) {
            System.out.println("chart   " + chart);
        }
    }

    private static double nz(Double d) {
        return d == null ? Double.NaN : d;
    }

}
