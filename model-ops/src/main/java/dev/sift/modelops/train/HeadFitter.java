package dev.sift.modelops.train;

/**
 * Fits the uncalibrated scores of one head on a subset of the training examples at one cost.
 */
interface HeadFitter extends AutoCloseable {

    /**
     * @param examples indices of the training examples to fit on
     * @param cost liblinear's {@code C}: inverse regularization strength
     * @param start where to start (a warm start), or {@code null}
     * @return the fitted scores
     */
    LinearModel fit(int[] examples, double cost, LinearModel start);

    /** @return whether {@link #fit} uses its starting point, so a path of costs pays for itself */
    boolean warmStarts();

    @Override
    void close();
}
