package dev.sift.modelops.train;

/**
 * How heads are trained.
 *
 * @param costs liblinear costs {@code C} to try (inverse regularization strength)
 * @param folds cross-validation folds when a data set has no validation split
 * @param threads binary problems fitted at once
 * @param seed seed of fold assignment and solver randomness
 */
public record TrainingOptions(double[] costs, int folds, int threads, long seed) {

    /** @return a grid from strong to weak regularization, 5 folds, all cores, seed 0 */
    public static TrainingOptions defaults() {
        return new TrainingOptions(new double[] {0.5, 2, 8, 32, 128}, 5, Runtime.getRuntime().availableProcessors(), 0);
    }
}
