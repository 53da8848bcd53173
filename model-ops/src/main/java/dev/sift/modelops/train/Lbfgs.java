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

    private static final int HISTORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int MAX_BACKTRACKS = 30;

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
        double[][] s = new double[HISTORY][n];
        double[][] y = new double[HISTORY][n];
        double[] rho = new double[HISTORY];
        double[] alpha = new double[HISTORY];
        double[] g = new double[n];
        double[] gNext = new double[n];
        double[] direction = new double[n];
        double[] xNext = new double[n];
        double f = objective.evaluate(x, g);
        int evaluations = 1;
        int stored = 0;
        int newest = -1;
        int iteration = 0;
        while (iteration < stop.maxIterations() && maxAbs(g) > stop.gradientTolerance()) {
            iteration++;
            // Two-loop recursion: direction = -H·g.
            System.arraycopy(g, 0, direction, 0, n);
            for (int back = 0; back < stored; back++) {
                int j = Math.floorMod(newest - back, HISTORY);
                alpha[j] = rho[j] * dot(s[j], direction);
                axpy(-alpha[j], y[j], direction);
            }
            double gamma = 1;
            if (stored > 0) {
                gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
            }
            scale(direction, gamma);
            for (int forward = stored - 1; forward >= 0; forward--) {
                int j = Math.floorMod(newest - forward, HISTORY);
                double beta = rho[j] * dot(y[j], direction);
                axpy(alpha[j] - beta, s[j], direction);
            }
            scale(direction, -1);
            double slope = dot(g, direction);
            if (slope >= 0) {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                stored = 0;
                System.arraycopy(g, 0, direction, 0, n);
                scale(direction, -1);
                slope = -dot(g, g);
            }
            boolean steepest = stored == 0;
            double step = steepest ? Math.min(1, 1 / Math.sqrt(dot(g, g))) : 1;
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
            int slot = (newest + 1) % HISTORY;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < n; i++) {
                s[slot][i] = xNext[i] - x[i];
                y[slot][i] = gNext[i] - g[i];
                sy += s[slot][i] * y[slot][i];
                yy += y[slot][i] * y[slot][i];
            }
            if (sy > 1e-12 * yy) {
                rho[slot] = 1 / sy;
                newest = slot;
                stored = Math.min(stored + 1, HISTORY);
            }
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

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double maxAbs(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
