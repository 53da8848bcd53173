package dev.sift.modelops.train;

/**
 * The order in which a warm-started trainer fits the costs of its grid. It starts at one cost and walks up the grid
 * while the held-out score still rises (stopping {@code patience} costs past the best); when the start itself stays
 * best it walks down from there the same way. Each fit starts from the solution of the previous cost, or, with
 * {@code extrapolate}, from the line through the two previous solutions continued (in log-cost) to the next cost:
 * the solutions move smoothly with the cost, so that start is closer. With {@code refine}, the walk ends with one
 * more fit halfway (in log-cost) between the best cost and its better neighbour, which wins when it scores higher:
 * the grid's steps are coarse, and two neighbours often score about the same.
 *
 * <p>A learning loop that retrains from an earlier head starts at that head's cost instead: with more data of the
 * same kind the best cost moves little.
 *
 * @param start the first cost (the grid's nearest); 0 or less: the smallest
 * @param extrapolate whether each fit starts from the extrapolation of the two previous solutions
 * @param refine whether to try the cost halfway between the best and its better neighbour
 * @param patience costs fitted past the best before a walk in one direction stops (at least 1)
 */
public record CostPath(double start, boolean extrapolate, boolean refine, int patience) {

    /**
     * Near, and usually just below, where the best cost of heads on sentence embeddings lies (docs/results.md): a
     * walk up from the smallest cost would spend most of its fits getting there.
     */
    public static final double USUAL_START = 32;

    /** Checks the path. */
    public CostPath {
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be at least 1: " + patience);
        }
    }

    /**
     * From {@link #USUAL_START}, extrapolating, refined, stopping at the first cost past the best: held-out scores of
     * a linear head rise and fall once along a grid this coarse, and the refinement looks between the best and its
     * better neighbour anyway.
     *
     * @return the default walk
     */
    public static CostPath defaults() {
        return new CostPath(USUAL_START, true, true, 1);
    }

    /**
     * @return from the smallest cost up, each fit from the previous solution, stopping two costs past the best (the
     *     recipe before the walk)
     */
    public static CostPath ascending() {
        return new CostPath(0, false, false, 2);
    }

    /**
     * @param ascendingGrid the costs, smallest first
     * @param preferred a cost to start near instead of {@link #start()} (e.g. an earlier head's), or NaN
     * @return the index of the first cost to fit
     */
    int startIndex(double[] ascendingGrid, double preferred) {
        double target = Double.isNaN(preferred) || preferred <= 0 ? start : preferred;
        if (target <= 0) {
            return 0;
        }
        int best = 0;
        for (int i = 1; i < ascendingGrid.length; i++) {
            if (Math.abs(Math.log(ascendingGrid[i] / target)) < Math.abs(Math.log(ascendingGrid[best] / target))) {
                best = i;
            }
        }
        return best;
    }
}
