package dev.sift.modelops.benchmark;

import dev.sift.modelops.console.Progress;
import dev.sift.modelops.context.TurnFeatures;
import dev.sift.modelops.dataset.DialogueDataset;
import dev.sift.modelops.dataset.DialogueTurn;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.FeatureExtractor;
import dev.sift.modelops.train.Examples;
import dev.sift.modelops.train.HeadTrainer;
import dev.sift.modelops.train.LinearHead;
import dev.sift.modelops.train.TrainingOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Active-intent accuracy of the project's heads with and without conversation context. Each design
 * ({@link ContextDesign}) trains an intent head by the project's {@link HeadTrainer} on the same training turns, with
 * the validation turns choosing the cost, and is measured on the same test turns. Every text is embedded once (through
 * the feature cache); each design costs one head training.
 */
public final class ContextBenchmark {

    /**
     * What to run.
     *
     * @param designs the designs, in report order
     * @param trainTurns at most this many training turns, whole dialogues drawn at random (all when larger)
     * @param validationTurns at most this many validation turns, whole dialogues drawn at random
     * @param seed seed of the draw
     */
    public record Settings(List<ContextDesign> designs, int trainTurns, int validationTurns, long seed) {

        /** Validates and copies. */
        public Settings {
            designs = List.copyOf(designs);
            if (designs.isEmpty() || trainTurns < 1 || validationTurns < 0) {
                throw new IllegalArgumentException("a context benchmark needs designs and training turns");
            }
        }
    }

    /**
     * One design's figures on the test turns.
     *
     * @param design the design
     * @param width feature row width
     * @param trainTurns turns trained on
     * @param testTurns turns measured
     * @param accuracy share of test turns whose top intent is the active one
     * @param cost the cost chosen on the validation turns
     * @param fitSeconds wall time of the head training
     */
    public record Result(ContextDesign design, int width, int trainTurns, int testTurns, double accuracy, double cost,
            double fitSeconds) {
    }

    private final TrainingOptions options;
    private final Settings settings;
    private final Progress progress;

    /**
     * @param options how heads are trained
     * @param settings designs and sample sizes
     * @param progress progress reporting
     */
    public ContextBenchmark(TrainingOptions options, Settings settings, Progress progress) {
        this.options = options;
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * @param data the dialogues
     * @param extractor the encoder's features
     * @return one result per design, in the settings' order
     */
    public List<Result> run(DialogueDataset data, FeatureExtractor extractor) {
        if (data.test().isEmpty()) {
            throw new IllegalArgumentException(data.name() + " has no test turns");
        }
        List<DialogueTurn> train = sample(data.train(), settings.trainTurns(), settings.seed());
        List<DialogueTurn> validation = sample(data.validation(), settings.validationTurns(), settings.seed());
        TurnFeatures features = TurnFeatures.embed(extractor, List.of(snippets(train), snippets(validation),
                snippets(data.test())), progress, "turns and their context");
        return run(data.intents(), train, validation, data.test(), features);
    }

    /**
     * @param intents the intent labels
     * @param train training turns
     * @param validation validation turns (empty: cross-validation on train)
     * @param test test turns
     * @param features the feature rows' source
     * @return one result per design
     */
    List<Result> run(List<String> intents, List<DialogueTurn> train, List<DialogueTurn> validation,
            List<DialogueTurn> test, TurnFeatures features) {
        HeadTrainer trainer = new HeadTrainer(options, progress);
        List<Result> results = new ArrayList<>();
        for (ContextDesign design : settings.designs()) {
            long start = System.nanoTime();
            HeadTrainer.Result head = trainer.trainIntents(examples(design, train, features),
                    validation.isEmpty() ? null : examples(design, validation, features), intents, true);
            double seconds = (System.nanoTime() - start) / 1e9;
            float[][] rows = rows(design, test, features);
            double accuracy = accuracy(head.head(), rows, test);
            results.add(new Result(design, rows[0].length, train.size(), test.size(), accuracy,
                    head.head().regularization(), seconds));
        }
        return results;
    }

    static double accuracy(LinearHead head, float[][] rows, List<DialogueTurn> turns) {
        int correct = 0;
        for (int i = 0; i < rows.length; i++) {
            float[] scores = head.apply(rows[i]);
            int best = 0;
            for (int k = 1; k < scores.length; k++) {
                if (scores[k] > scores[best]) {
                    best = k;
                }
            }
            if (head.labels().get(best).equals(turns.get(i).intent())) {
                correct++;
            }
        }
        return (double) correct / rows.length;
    }

    private static Examples examples(ContextDesign design, List<DialogueTurn> turns, TurnFeatures features) {
        return features.examples(snippets(turns), design.slots());
    }

    private static float[][] rows(ContextDesign design, List<DialogueTurn> turns, TurnFeatures features) {
        return turns.stream().map(t -> features.row(t.text(), t.context(), design.slots())).toArray(float[][]::new);
    }

    private static List<LabeledSnippet> snippets(List<DialogueTurn> turns) {
        return turns.stream().map(DialogueTurn::toSnippet).toList();
    }

    /**
     * Whole dialogues in a seeded random order until {@code limit} turns are reached, so every kept turn keeps its
     * dialogue's earlier turns.
     */
    static List<DialogueTurn> sample(List<DialogueTurn> turns, int limit, long seed) {
        if (turns.size() <= limit) {
            return turns;
        }
        Map<String, List<DialogueTurn>> byDialogue = new LinkedHashMap<>();
        turns.forEach(t -> byDialogue.computeIfAbsent(t.dialogue(), d -> new ArrayList<>()).add(t));
        List<String> order = new ArrayList<>(byDialogue.keySet());
        Collections.shuffle(order, new Random(seed));
        List<DialogueTurn> out = new ArrayList<>();
        for (String dialogue : order) {
            List<DialogueTurn> members = byDialogue.get(dialogue);
            if (out.size() + members.size() > limit) {
                continue;
            }
            out.addAll(members);
        }
        return out;
    }
}
