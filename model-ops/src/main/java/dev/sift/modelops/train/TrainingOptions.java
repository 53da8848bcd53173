package dev.sift.modelops.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * How heads are trained.
 *
 * @param costs costs {@code C} to try (inverse regularization strength, liblinear's convention: the loss summed over
 *     examples weighs {@code C} against {@code ||W||²/2}); tried from the smallest up
 * @param folds cross-validation folds when a data set has no validation split
 * @param threads threads a fit may use (the result does not depend on it)
 * @param seed seed of fold assignment and solver randomness
 * @param intentHead which activation the intent head gets
 * @param solver how heads are fitted
 * @param path the order a warm-started solver fits the costs in
 */
public record TrainingOptions(double[] costs, int folds, int threads, long seed, IntentHead intentHead,
        Solver solver, CostPath path) {

    /** Checks the options. */
    public TrainingOptions {
        Objects.requireNonNull(intentHead, "intentHead");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(path, "path");
        if (costs.length == 0 || Arrays.stream(costs).anyMatch(c -> !(c > 0) || Double.isInfinite(c))) {
            throw new IllegalArgumentException("costs must be positive and finite: " + Arrays.toString(costs));
        }
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2, got " + folds);
        }
        costs = costs.clone();
    }

    /**
     * Options with the default cost path.
     *
     * @param costs costs to try
     * @param folds cross-validation folds
     * @param threads threads a fit may use
     * @param seed seed
     * @param intentHead which activation the intent head gets
     * @param solver how heads are fitted
     */
    public TrainingOptions(double[] costs, int folds, int threads, long seed, IntentHead intentHead, Solver solver) {
        this(costs, folds, threads, seed, intentHead, solver, CostPath.defaults());
    }

    /**
     * Options with the default head choice, solver and cost path.
     *
     * @param costs costs to try
     * @param folds cross-validation folds
     * @param threads threads a fit may use
     * @param seed seed
     */
    public TrainingOptions(double[] costs, int folds, int threads, long seed) {
        this(costs, folds, threads, seed, IntentHead.AUTO, Solver.LBFGS, CostPath.defaults());
    }

    /**
     * @return costs from 0.5 to 512 by factors of 4 walked from 32, 5 folds, all cores, seed 0, automatic head,
     *     L-BFGS
     */
    public static TrainingOptions defaults() {
        return new TrainingOptions(new double[] {0.5, 2, 8, 32, 128, 512}, 5,
                Runtime.getRuntime().availableProcessors(), 0);
    }

    /**
     * @param head the intent head to train
     * @return a copy with that head
     */
    public TrainingOptions withIntentHead(IntentHead head) {
        return new TrainingOptions(costs, folds, threads, seed, head, solver, path);
    }

    /**
     * @param other the solver to use
     * @return a copy with that solver
     */
    public TrainingOptions withSolver(Solver other) {
        return new TrainingOptions(costs, folds, threads, seed, intentHead, other, path);
    }

    /**
     * @param grid the costs to try
     * @return a copy with those costs
     */
    public TrainingOptions withCosts(double... grid) {
        return new TrainingOptions(grid, folds, threads, seed, intentHead, solver, path);
    }

    /**
     * @param other the cost path
     * @return a copy with that path
     */
    public TrainingOptions withPath(CostPath other) {
        return new TrainingOptions(costs, folds, threads, seed, intentHead, solver, other);
    }

    /**
     * @param count threads a fit may use
     * @return a copy with that many threads
     */
    public TrainingOptions withThreads(int count) {
        return new TrainingOptions(costs, folds, count, seed, intentHead, solver, path);
    }

    /** @return the costs, smallest first (the order a warm-started path takes them) */
    public double[] ascendingCosts() {
        return Arrays.stream(costs).sorted().distinct().toArray();
    }
}
