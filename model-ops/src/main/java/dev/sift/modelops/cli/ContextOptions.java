package dev.sift.modelops.cli;

import dev.sift.classifier.context.ContextSlot;
import dev.sift.modelops.bundle.BundleTraining;
import java.util.Arrays;
import picocli.CommandLine.Option;

/** The option that makes a trained bundle context-aware. */
final class ContextOptions {

    @Option(names = "--context",
            description = "Train a context-aware bundle: the intent head reads the turn and its thread's earlier turns "
                    + "(previous service turn, previous customer turn, mean of earlier turns of each side; the data's "
                    + "'context'); the reputation head reads the turn alone.")
    boolean context;

    /**
     * @param training a context-free training
     * @return the same training, context-aware when asked for
     */
    BundleTraining apply(BundleTraining training) {
        return context ? training.withContext(Arrays.asList(ContextSlot.values())) : training;
    }
}
