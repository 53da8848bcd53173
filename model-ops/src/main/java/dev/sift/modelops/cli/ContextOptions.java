package dev.sift.modelops.cli;

import dev.sift.classifier.context.ContextSlot;
import dev.sift.modelops.bundle.BundleTraining;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that make a trained bundle context-aware, and which earlier turns it reads. */
final class ContextOptions {

    @Option(names = "--context",
            description = "Train a context-aware bundle: the intent head reads the turn and its thread's earlier turns "
                    + "(previous service turn, previous customer turn, mean of earlier turns of each side; the data's "
                    + "'context'); the reputation head reads the turn alone.")
    boolean context;

    @Option(names = "--context-slots", split = ",",
            description = "With --context, the earlier turns the intent head reads, from ${COMPLETION-CANDIDATES} "
                    + "(default: all of them).")
    List<ContextSlot> slots;

    /**
     * @param training a context-free training
     * @return the same training, context-aware when asked for
     */
    BundleTraining apply(BundleTraining training) {
        List<ContextSlot> chosen = chosenSlots();
        return chosen.isEmpty() ? training : training.withContext(chosen);
    }

    /**
     * @return the slots the intent head reads, in the order given, each once; empty without {@code --context}
     * @throws IllegalArgumentException when slots are given without {@code --context}
     */
    List<ContextSlot> chosenSlots() {
        if (!context) {
            if (slots != null) {
                throw new IllegalArgumentException("--context-slots needs --context");
            }
            return List.of();
        }
        return slots == null || slots.isEmpty() ? Arrays.asList(ContextSlot.values())
                : List.copyOf(new LinkedHashSet<>(slots));
    }
}
