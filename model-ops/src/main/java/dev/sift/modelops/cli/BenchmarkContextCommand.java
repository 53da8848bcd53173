package dev.sift.modelops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sift.modelops.benchmark.ContextBenchmark;
import dev.sift.modelops.benchmark.ContextDesign;
import dev.sift.modelops.benchmark.ContextReport;
import dev.sift.modelops.bundle.SiftHome;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.dataset.DialogueDataset;
import dev.sift.modelops.dataset.SgdReader;
import dev.sift.modelops.encoder.FeatureExtractor;
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

/** Active-intent accuracy of the heads with and without conversation context, side by side. */
@Command(name = "benchmark-context", mixinStandardHelpOptions = true,
        description = "Read dialogues in the SGD turns format (user turns with their context), train an intent head "
                + "per context design on the same training turns (the dev split chooses the cost) and report "
                + "test accuracy side by side; writes Markdown and JSON.")
final class BenchmarkContextCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "SGD turns JSON Lines (dialogue, turn, split, text, "
            + "intent, context).")
    Path data;

    @Mixin
    EncoderOptions encoder;

    @Option(names = "--designs", split = ",",
            description = "Designs to run (default all: TURN, TURN_SYSTEM, TURN_SYSTEM_USER, "
                    + "TURN_SYSTEM_USER_HISTORY,TURN_SYSTEM_USER_HISTORY_SERVICE).")
    List<ContextDesign> designs;

    @Option(names = "--train-turns", defaultValue = "20000",
            description = "Training turns, whole dialogues drawn at random (default 20000).")
    int trainTurns;

    @Option(names = "--validation-turns", defaultValue = "2000",
            description = "Dev turns choosing the cost, whole dialogues drawn at random (default 2000).")
    int validationTurns;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the draw (default 0).")
    long seed;

    @Option(names = "--out", defaultValue = "benchmark-results",
            description = "Folder of the Markdown and JSON results (default ./benchmark-results).")
    Path out;

    @Override
    public Integer call() throws IOException {
        ConsoleProgress progress = new ConsoleProgress();
        DialogueDataset dataset = SgdReader.read(data);
        List<ContextDesign> chosen = designs == null ? Arrays.asList(ContextDesign.values()) : designs;
        ContextBenchmark benchmark = new ContextBenchmark(encoder.training(),
                new ContextBenchmark.Settings(chosen, trainTurns, validationTurns, seed), progress);
        List<ContextBenchmark.Result> results;
        try (FeatureExtractor extractor = FeatureExtractor.open(encoder.encoder(), SiftHome.work(),
                encoder.maxTokens)) {
            results = benchmark.run(dataset, extractor);
        }
        String notes = dataset.intents().size() + " intents; test turns: user turns of the test split whose intent "
                + "the training split has. Encoder: " + encoder.encoder().name() + ". Command: `model-ops benchmark-context "
                + "--data <" + dataset.name() + "> --train-turns " + trainTurns + " --validation-turns "
                + validationTurns + " --seed " + seed + "`.";
        String markdown = ContextReport.markdown(dataset.name(), results, notes);
        String slug = "context-" + dataset.name().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        Files.createDirectories(out);
        Files.writeString(out.resolve(slug + ".md"), markdown, StandardCharsets.UTF_8);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(slug + ".json").toFile(),
                results);
        System.out.println();
        System.out.println(markdown);
        System.out.println("results in " + out.resolve(slug + ".md") + " and .json");
        return 0;
    }
}
