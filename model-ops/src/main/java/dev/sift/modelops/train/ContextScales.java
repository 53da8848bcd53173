package dev.sift.modelops.train;

import java.util.Arrays;

/**
 * How strongly a context-aware intent head may lean on a turn's context: the scales tried for the context block of its
 * rows, and how much better a larger scale must score on held-out data to be chosen over a smaller one.
 *
 * <p>A head over [turn; context] is one L2-regularized linear layer. Multiplying the context features by a scale
 * {@code s} before fitting, and the fitted context weights by {@code s} after, leaves the head's scores the same
 * function of the unscaled rows while the penalty on the context weights grows by {@code 1/s²}: the context is used
 * only as far as it pays for that penalty. Scale 0 is the turn alone (the context weights are zeros), scale 1 the
 * plain head over the concatenated rows.
 *
 * @param scales the scales tried, each at least 0 (0: context ignored)
 * @param margin how much higher (in the selection metric: accuracy or micro-F1, 0 to 1) the best scale must score
 *     than a smaller one for the smaller not to be chosen: the smallest scale within this margin of the best wins, so
 *     context that does not help beyond the noise of the held-out score is not used
 */
public record ContextScales(double[] scales, double margin) {

    /**
     * From the turn alone to the plain concatenated head in factors of 2. Heads on support chats where most turns are
     * clear alone choose the small scales; on dialogues whose intent is carried from turn to turn, the largest.
     */
    private static final double[] DEFAULT_SCALES = {0, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2, 1};

    /**
     * Half a point: below what a few hundred held-out examples can tell apart, above the differences between
     * neighbouring scales that only re-shuffle which few examples cross the threshold.
     */
    private static final double DEFAULT_MARGIN = 0.005;

    /** Checks and sorts the scales. */
    public ContextScales {
        if (scales.length == 0 || Arrays.stream(scales).anyMatch(s -> !(s >= 0) || Double.isInfinite(s))) {
            throw new IllegalArgumentException("context scales must be finite and at least 0: "
                    + Arrays.toString(scales));
        }
        if (!(margin >= 0) || margin >= 1) {
            throw new IllegalArgumentException("margin must be in [0, 1): " + margin);
        }
        scales = Arrays.stream(scales).sorted().distinct().toArray();
    }

    /** @return scales 0, 1/16, 1/8, 1/4, 1/2 and 1, margin 0.005 */
    public static ContextScales defaults() {
        return new ContextScales(DEFAULT_SCALES, DEFAULT_MARGIN);
    }

    /**
     * @param scale the one scale to use (e.g. the one an earlier training chose, to re-fit a head on other features)
     * @return that scale alone
     */
    public static ContextScales fixed(double scale) {
        return new ContextScales(new double[] {scale}, 0);
    }

    /** @return the scales, smallest first (a copy) */
    @Override
    public double[] scales() {
        return scales.clone();
    }

    /** @return whether only one scale is tried: nothing to choose */
    public boolean single() {
        return scales.length == 1;
    }

    /** @return a stable description, for versions and reports */
    @Override
    public String toString() {
        return "ContextScales" + Arrays.toString(scales) + " margin " + margin;
    }
}
