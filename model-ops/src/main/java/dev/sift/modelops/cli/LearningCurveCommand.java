package dev.sift.modelops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sift.modelops.benchmark.LearningCurve;
import dev.sift.modelops.benchmark.LearningCurveReport;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.encoder.FeatureExtractor;
import dev.sift.modelops.learning.LearningConfig;
import dev.sift.modelops.retrain.HeadRetraining;
import dev.sift.modelops.retrain.RetrainingRun;
import dev.sift.modelops.train.IntentHead;
import dev.sift.modelops.train.Solver;
import dev.sift.modelops.train.TrainingOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The learning curve of the learning loop on a labeled data set: test figures as teacher labels arrive. */
@Command(name = "learning-curve", mixinStandardHelpOptions = true,
        description = "Train heads on a few labels per intent, stream the rest of the train split as traffic "
                + "labeled by its own labels (the teacher), retrain with the learning loop's head training at each "
                + "checkpoint and measure on the test split; writes Markdown, JSON and a PNG chart. Head training "
                + "uses the learning loop's settings: the default head and solver, --costs as sift.learning.costs.")
final class LearningCurveCommand implements Callable<Integer> {

    @Mixin
    DatasetOptions data;

    @Mixin
    EncoderOptions encoder;

    @Option(names = "--starter", defaultValue = "5",
            description = "Labels per intent the first heads are trained on (default 5).")
    int starter;

    @Option(names = "--checkpoints", split = ",", defaultValue = "10,20,50",
            description = "Labels per intent after which the heads are retrained (default 10,20,50; the starter "
                    + "set and all labels are always measured).")
    List<Integer> checkpoints;

    @Option(names = "--traffic-seed", defaultValue = "0", description = "Seed of the traffic order (default 0).")
    long trafficSeed;

    @Option(names = "--out", defaultValue = "learning-curve",
            description = "Folder of the Markdown, JSON and PNG results (default ./learning-curve).")
    Path out;

    @Override
    public Integer call() throws IOException {
        if (starter < 1) {
            throw new IllegalArgumentException("--starter must be at least 1");
        }
        if (encoder.intentHead != IntentHead.AUTO || encoder.solver != Solver.LBFGS) {
            throw new IllegalArgumentException("learning-curve trains heads as the learning loop does: "
                    + "--intent-head and --solver do not apply");
        }
        ConsoleProgress progress = new ConsoleProgress();
        Dataset dataset = data.read();
        LearningConfig config = new LearningConfig();
        if (encoder.costs != null) {
            config.setCosts(Arrays.stream(encoder.costs).boxed().toList());
        }
        TrainingOptions options = RetrainingRun.trainingOptions(config);
        if (encoder.threads != null) {
            // The heads do not depend on the thread count.
            options = options.withThreads(encoder.threads);
        }
        LearningCurve curve = new LearningCurve(new HeadRetraining(options, progress),
                new LearningCurve.Settings(starter, checkpoints, trafficSeed), progress);
        List<LearningCurve.Point> points;
        try (FeatureExtractor extractor = FeatureExtractor.open(encoder.encoder(), SiftHome.work(),
                encoder.maxTokens)) {
            points = curve.run(dataset, extractor);
        }
        String slug = "learning-curve-" + dataset.name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        String notes = "Starter set: " + starter + " labels per intent (out-of-scope counts as one intent); traffic "
                + "in rounds of one label per intent, seed " + trafficSeed + ". Command: `model-ops learning-curve "
                + "--data <" + dataset.name() + "> --starter " + starter + " --checkpoints "
                + String.join(",", checkpoints.stream().map(String::valueOf).toList()) + "`.";
        String markdown = LearningCurveReport.markdown(dataset.name(), points, notes);
        Files.createDirectories(out);
        Files.writeString(out.resolve(slug + ".md"), markdown, StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(slug + ".json").toFile(),
                points);
        Path chart = LearningCurveReport.chart(dataset.name(), points, out.resolve(slug + ".png"));
        System.out.println();
        System.out.println(markdown);
        System.out.println("results in " + out.resolve(slug + ".md") + ", .json and " + chart);
        return 0;
    }
}
