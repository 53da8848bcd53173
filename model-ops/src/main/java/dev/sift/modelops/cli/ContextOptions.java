package dev.sift.modelops.cli;

import dev.sift.classifier.context.ContextSlot;
import dev.sift.modelops.bundle.BundleTraining;
import dev.sift.modelops.context.ContextTraining;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.train.ContextScales;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options that make a trained bundle context-aware, which earlier turns it reads and how far it leans on them. */
final class ContextOptions {

    @Option(names = "--context",
            description = "Train a context-aware bundle: the intent head reads the turn and its thread's earlier turns "
                    + "(previous service turn, previous customer turn, mean of earlier turns of each side; the data's "
                    + "'context'), as far as held-out data shows they help; the reputation head reads the turn alone.")
    boolean context;

    @Option(names = "--context-slots", split = ",",
            description = "With --context, the earlier turns the intent head reads, from ${COMPLETION-CANDIDATES} "
                    + "(default: all of them).")
    List<ContextSlot> slots;

    @Option(names = "--context-scales", split = ",",
            description = "With --context, the scales of the context features the head is fitted at, the one "
                    + "scoring best on held-out data kept (default 0,0.0625,0.125,0.25,0.5,1; 0 ignores the context, "
                    + "1 alone is the plain head over [turn; context]).")
    double[] scales;

    @Option(names = "--context-judges", defaultValue = "0",
            description = "With --context and no validation split: the last N training examples (the newest, in a "
                    + "feedback data set's examples.jsonl) judge the context scales, then are trained on too, as the "
                    + "learning loop does (default 0: cross-validation judges).")
    int judges;

    /**
     * @param training a context-free training
     * @param dataset the data it will train on (its last training examples may judge the context)
     * @return the same training, context-aware when asked for
     * @throws IllegalArgumentException when the options do not fit the data
     */
    BundleTraining apply(BundleTraining training, Dataset dataset) {
        return chosenSlots().isEmpty() ? training : training.withContext(contextTraining(dataset));
    }

    /**
     * @param dataset the data the head will train on
     * @return the slots, scales and judges asked for
     * @throws IllegalArgumentException when the options do not fit the data
     */
    ContextTraining contextTraining(Dataset dataset) {
        return new ContextTraining(chosenSlots(), chosenScales(), judgesOf(dataset));
    }

    /**
     * @return the slots the intent head reads, in the order given, each once; empty without {@code --context}
     * @throws IllegalArgumentException when slots, scales or judges are given without {@code --context}
     */
    List<ContextSlot> chosenSlots() {
        if (!context) {
            refuseWithoutContext("--context-slots", slots != null);
            refuseWithoutContext("--context-scales", scales != null);
            refuseWithoutContext("--context-judges", judges != 0);
            return List.of();
        }
        return slots == null || slots.isEmpty() ? Arrays.asList(ContextSlot.values())
                : List.copyOf(new LinkedHashSet<>(slots));
    }

    /** @return the scales to choose from: the given ones, else the defaults */
    ContextScales chosenScales() {
        return scales == null || scales.length == 0 ? ContextScales.defaults()
                : new ContextScales(scales, ContextScales.defaults().margin());
    }

    private Set<LabeledSnippet> judgesOf(Dataset dataset) {
        if (judges < 0 || (judges > 0 && judges >= dataset.train().size())) {
            throw new IllegalArgumentException("--context-judges must leave training examples to fit on: from 0 to "
                    + (dataset.train().size() - 1) + ", got " + judges);
        }
        if (judges > 0 && !dataset.validation().isEmpty()) {
            throw new IllegalArgumentException("--context-judges is for data without a validation split: "
                    + dataset.name() + " has one, which judges the context");
        }
        List<LabeledSnippet> train = dataset.train();
        return Set.copyOf(train.subList(train.size() - judges, train.size()));
    }

    private static void refuseWithoutContext(String option, boolean given) {
        if (given) {
            throw new IllegalArgumentException(option + " needs --context");
        }
    }
}
