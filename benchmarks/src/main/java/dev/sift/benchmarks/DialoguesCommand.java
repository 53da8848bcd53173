package dev.sift.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sift.benchmarks.dialogue.DialogueReplay;
import dev.sift.benchmarks.dialogue.ReplayComparison;
import dev.sift.benchmarks.dialogue.ReplayedDialogue;
import dev.sift.benchmarks.dialogue.SgdDialogues;
import dev.sift.benchmarks.pipeline.GatewayLaunch;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.schema.FilterDecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmarks dialogues}: replays Schema-Guided Dialogue test dialogues through a gateway on a real local broker
 * and checks its context-aware decisions against the offline evaluation of the same bundle.
 */
@Command(name = "dialogues", mixinStandardHelpOptions = true,
        description = "Replay SGD test dialogues (every turn, both sides, interleaved) through a gateway on a real local"
                + " broker; compare each labeled turn's decision with the offline evaluation of the same bundle.")
final class DialoguesCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "SGD turns in Sift's JSON Lines form (turns.jsonl).")
    Path data;

    @Option(names = "--bundle", required = true, description = "The bundle the gateway runs (a context-aware one to"
            + " check context; any bundle works).")
    Path bundle;

    @Option(names = "--dialogues", defaultValue = "300", description = "Test dialogues to replay (default 300).")
    int dialogues;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the draw and the interleaving (default 0).")
    long seed;

    @Option(names = "--gateway-jar", description = "The deployable gateway jar (default: "
            + "streams-app/target/sift-gateway.jar from the repository root, else this tool's classpath).")
    Path gatewayJar;

    @Option(names = "--out", defaultValue = "benchmark-results", description = "Results folder.")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<ReplayedDialogue> replayed = SgdDialogues.test(data, dialogues, seed);
        int turns = replayed.stream().mapToInt(d -> d.turns().size()).sum();
        System.out.printf("%d dialogues, %d turns%n", replayed.size(), turns);
        Path work = Files.createTempDirectory("sift-dialogues");
        Map<String, FilterDecision> decisions;
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            decisions = new DialogueReplay(broker, GatewayLaunch.of(gatewayJar, null), work).run(bundle, replayed,
                    seed, n -> {
                        if (n % 500 == 0 || n == turns) {
                            System.out.printf("decided %d of %d%n", n, turns);
                        }
                    });
        }
        ReplayComparison.Result result;
        try (SnippetClassifier classifier = OnnxClassifier.open(ModelBundle.open(bundle),
                InferenceSettings.defaults())) {
            result = ReplayComparison.compare(classifier, replayed, decisions);
            String report = report(result, classifier.info().version());
            Files.createDirectories(out);
            Files.writeString(out.resolve("dialogues.md"), report);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(out.resolve("dialogues.json").toFile(), result);
            System.out.println(report);
        }
        return result.sameTopIntent() == result.labeledTurns() ? 0 : 1;
    }

    private String report(ReplayComparison.Result r, String version) {
        StringBuilder s = new StringBuilder();
        s.append("### Replayed dialogues: gateway against offline evaluation\n\n");
        s.append(String.format(Locale.ROOT, "Bundle `%s`; %d SGD test dialogues (seed %d), %d turns replayed (both"
                + " sides, %d dialogues at a time), %d labeled customer turns compared.%n%n", version, r.dialogues(),
                seed, r.turns(), DialogueReplay.CONCURRENT, r.labeledTurns()));
        s.append("| figure | value |\n|---|---|\n");
        s.append(String.format(Locale.ROOT, "| same top intent, gateway and offline | %d of %d |%n", r.sameTopIntent(),
                r.labeledTurns()));
        s.append(String.format(Locale.ROOT, "| every intent score within %.0e | %d of %d |%n",
                ReplayComparison.SCORE_TOLERANCE, r.scoresWithinTolerance(), r.labeledTurns()));
        s.append(String.format(Locale.ROOT, "| largest score difference | %.2e |%n", r.maxScoreDifference()));
        s.append(String.format(Locale.ROOT, "| accuracy, gateway | %.1f%% |%n", 100 * r.gatewayAccuracy()));
        s.append(String.format(Locale.ROOT, "| accuracy, offline evaluation | %.1f%% |%n", 100 * r.offlineAccuracy()));
        s.append(String.format(Locale.ROOT, "| accuracy, same bundle, each turn alone | %.1f%% |%n",
                100 * r.aloneAccuracy()));
        if (!r.disagreements().isEmpty()) {
            s.append("\nDisagreements: ").append(String.join("; ", r.disagreements())).append('\n');
        }
        return s.toString();
    }
}
