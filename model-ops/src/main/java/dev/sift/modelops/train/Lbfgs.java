package dev.sift.modelops.train;

/**
 * Limited-memory BFGS for smooth convex objectives: the two-loop recursion over the last few steps, a backtracking
 * line search on the sufficient-decrease (Armijo) condition, and curvature pairs kept only when {@code s·y > 0}.
 *
 * <p>Written here rather than taken from a library: commons-math3 (already a dependency) has no quasi-Newton
 * method, liblinear has no multinomial loss, and the Java libraries on Maven Central that have an L-BFGS are GPL
 * (Smile) or bring their own tensor types for what is a short loop over {@code double[]}.
 */
final class Lbfgs {

    /** Curvature pairs kept. */
    static final int HISTORY = 10;
    /** Sufficient decrease of the line search. */
    static final double ARMIJO = 1e-4;
    /** Halvings of a step before a line search gives up. */
    static final int MAX_BACKTRACKS = 30;

    /** A differentiable objective. */
    interface Objective {
        /**
         * @param x the point
         * @param gradient filled with the gradient at {@code x}
         * @return the value at {@code x}
         */
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * When to stop.
     *
     * @param maxIterations iterations at most
     * @param gradientTolerance stop when {@code ||g||_inf} falls below this
     * @param relativeDecrease stop when an iteration lowers the value by less than this fraction of it
     */
    record Stop(int maxIterations, double gradientTolerance, double relativeDecrease) {
    }

    /**
     * The outcome of a minimization.
     *
     * @param value the final value
     * @param iterations iterations done
     * @param evaluations objective evaluations done
     */
    record Outcome(double value, int iterations, int evaluations) {
    }

    private Lbfgs() {
    }

    /**
     * Minimizes in place.
     *
     * @param objective the objective
     * @param x the starting point, overwritten by the minimizer
     * @param stop when to stop
     * @return how it went
     */
    static Outcome minimize(Objective objective, double[] x, Stop stop) {
        int n = x.length;
        CurvaturePairs pairs = new CurvaturePairs(HISTORY, n);
        double[] g = new double[n];
        double[] gNext = new double[n];
        double[] direction = new double[n];
        double[] xNext = new double[n];
        double f = objective.evaluate(x, g);
        int evaluations = 1;
        int iteration = 0;
        while (iteration < stop.maxIterations() && maxAbs(g) > stop.gradientTolerance()) {
            iteration++;
            pairs.direction(g, direction);
            double slope = CurvaturePairs.dot(g, direction);
            if (slope >= 0) {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                pairs.clear();
                pairs.direction(g, direction);
                slope = CurvaturePairs.dot(g, direction);
            }
            boolean steepest = pairs.isEmpty();
            double step = steepest ? Math.min(1, 1 / Math.sqrt(CurvaturePairs.dot(g, g))) : 1;
            double fNext = Double.NaN;
            boolean accepted = false;
            for (int backtrack = 0; backtrack < MAX_BACKTRACKS; backtrack++) {
                for (int i = 0; i < n; i++) {
                    xNext[i] = x[i] + step * direction[i];
                }
                fNext = objective.evaluate(xNext, gNext);
                evaluations++;
                if (fNext <= f + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            pairs.add(x, xNext, g, gNext);
            double decrease = f - fNext;
            System.arraycopy(xNext, 0, x, 0, n);
            System.arraycopy(gNext, 0, g, 0, n);
            f = fNext;
            // A steepest-descent step says little about how far the minimum is: judge progress on quasi-Newton steps.
            if (!steepest && decrease <= stop.relativeDecrease() * Math.max(Math.abs(f), 1e-12)) {
                break;
            }
        }
        return new Outcome(f, iteration, evaluations);
    }

    private static double maxAbs(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
