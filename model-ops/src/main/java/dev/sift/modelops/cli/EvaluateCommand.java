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
import dev.sift.modelops.evaluate.EvaluationReport;
import dev.sift.modelops.evaluate.Evaluator;
import dev.sift.modelops.evaluate.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
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
        description = "Train heads on the train split, then measure the bundle on the test split "
                + "(accuracy / micro-F1, per-label report, calibration error, relevance curve); writes JSON and PNG.")
final class EvaluateCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Mixin
    EncoderOptions encoder;

    @Option(names = "--out", defaultValue = "model-ops-reports", description = "Report folder (default ./model-ops-reports).")
    Path out;

    @Override
    public Integer call() throws IOException {
        ConsoleProgress progress = new ConsoleProgress();
        Dataset dataset = data.read();
        String slug = dataset.name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        BundleTraining training = new BundleTraining(encoder.encoder(), SiftHome.work(), encoder.maxTokens,
                encoder.training(), progress);
        long start = System.nanoTime();
        ModelBundle trained = TrainedBundles.ensure(training, dataset);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        EvaluationReport report;
        try (OnnxClassifier classifier = OnnxClassifier.open(trained,
                InferenceSettings.defaults().withIntraOpThreads(Runtime.getRuntime().availableProcessors())
                        .withMaxBatchSize(64))) {
            Map<String, Object> summary = new java.util.LinkedHashMap<>(trained.manifest().provenance());
            summary.put("selection", trained.manifest().metrics());
            summary.put("trainingSeconds", Math.round(trainSeconds));
            report = new Evaluator(classifier, progress).evaluate(dataset, summary);
        }
        Files.createDirectories(out);
        Path json = out.resolve(slug + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(json.toFile(), report);
        Path chart = Charts.evaluation(report, out.resolve(slug + ".png"));
        print(report, json, chart);
        return 0;
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
