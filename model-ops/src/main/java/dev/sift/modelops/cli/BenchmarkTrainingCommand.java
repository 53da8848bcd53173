package dev.sift.modelops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sift.modelops.benchmark.TrainingBenchmark;
import dev.sift.modelops.benchmark.TrainingReport;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.encoder.FeatureExtractor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Compares head-training variants on one data set: fit time against the quality of the heads. */
@Command(name = "benchmark-training", mixinStandardHelpOptions = true,
        description = "Fit the heads of each training variant on the same cached embeddings, rounds in alternating "
                + "order; report median fit time (wall and CPU) and the test figures of each variant.")
final class BenchmarkTrainingCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Mixin
    EncoderOptions encoder;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds; each fits every variant once (default 3).")
    int rounds;

    @Option(names = "--variants", split = ",",
            description = "Variants to run (default all: liblinear-ovr, lbfgs-joint, lbfgs-softmax, lbfgs).")
    List<String> only;

    @Option(names = "--out", defaultValue = "benchmark-results",
            description = "Folder of the Markdown and JSON results (default ./benchmark-results).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        ConsoleProgress progress = new ConsoleProgress();
        Dataset dataset = data.read();
        int threads = encoder.training().threads();
        List<TrainingBenchmark.Variant> variants = TrainingBenchmark.standardVariants(threads).stream()
                .filter(v -> only == null || only.contains(v.name())).toList();
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("no variant named " + only);
        }
        List<TrainingBenchmark.Measurement> measurements;
        try (FeatureExtractor extractor = FeatureExtractor.open(encoder.encoder(), SiftHome.work(),
                encoder.maxTokens)) {
            measurements = new TrainingBenchmark(variants, threads, progress).run(dataset, extractor, rounds);
        }
        String machine = "Fit threads: " + threads + "; available processors: "
                + Runtime.getRuntime().availableProcessors() + "; load average at the end: "
                + String.format(java.util.Locale.ROOT, "%.1f",
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + ". Command: `model-ops benchmark-training --data <" + dataset.name() + "> --rounds " + rounds
                + "`.";
        String markdown = TrainingReport.markdown(dataset.name(), variants, measurements, machine);
        String slug = "training-" + dataset.name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        Files.createDirectories(out);
        Files.writeString(out.resolve(slug + ".md"), markdown, StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(slug + ".json").toFile(),
                measurements);
        System.out.println();
        System.out.println(markdown);
        System.out.println("results in " + out.resolve(slug + ".md") + " and .json");
        return 0;
    }
}
