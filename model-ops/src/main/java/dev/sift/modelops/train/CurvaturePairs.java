package dev.sift.modelops.train;

/**
 * The memory of limited-memory BFGS: the last few steps {@code s} and gradient changes {@code y}, and the two-loop
 * recursion that turns a gradient into a quasi-Newton direction with them. Pairs are kept only when
 * {@code s·y > 0}, so the implied inverse Hessian stays positive definite.
 */
final class CurvaturePairs {

    private final int size;
    private final double[][] s;
    private final double[][] y;
    private final double[] rho;
    private final double[] alpha;
    private int stored;
    private int newest = -1;

    /**
     * @param history pairs kept
     * @param dimension length of a point
     */
    CurvaturePairs(int history, int dimension) {
        this.size = history;
        this.s = new double[history][dimension];
        this.y = new double[history][dimension];
        this.rho = new double[history];
        this.alpha = new double[history];
    }

    /** @return whether no pair is kept (the next direction is steepest descent) */
    boolean isEmpty() {
        return stored == 0;
    }

    /** Forgets every pair. */
    void clear() {
        stored = 0;
    }

    /**
     * Writes {@code -H·g} into {@code direction}.
     *
     * @param g the gradient
     * @param direction filled with the descent direction
     */
    void direction(double[] g, double[] direction) {
        System.arraycopy(g, 0, direction, 0, g.length);
        for (int back = 0; back < stored; back++) {
            int j = Math.floorMod(newest - back, size);
            alpha[j] = rho[j] * dot(s[j], direction);
            axpy(-alpha[j], y[j], direction);
        }
        double gamma = stored > 0 ? dot(s[newest], y[newest]) / dot(y[newest], y[newest]) : 1;
        scale(direction, gamma);
        for (int forward = stored - 1; forward >= 0; forward--) {
            int j = Math.floorMod(newest - forward, size);
            double beta = rho[j] * dot(y[j], direction);
            axpy(alpha[j] - beta, s[j], direction);
        }
        scale(direction, -1);
    }

    /**
     * Remembers a step, when it has positive curvature.
     *
     * @param from the point before the step
     * @param to the point after it
     * @param gFrom the gradient at {@code from}
     * @param gTo the gradient at {@code to}
     */
    void add(double[] from, double[] to, double[] gFrom, double[] gTo) {
        double sy = 0;
        double yy = 0;
        for (int i = 0; i < from.length; i++) {
            double si = to[i] - from[i];
            double yi = gTo[i] - gFrom[i];
            sy += si * yi;
            yy += yi * yi;
        }
        if (!(sy > 1e-12 * yy)) {
            // Checked before writing: the slot a pair goes to holds the oldest pair kept, still in use.
            return;
        }
        int slot = (newest + 1) % size;
        for (int i = 0; i < from.length; i++) {
            s[slot][i] = to[i] - from[i];
            y[slot][i] = gTo[i] - gFrom[i];
        }
        rho[slot] = 1 / sy;
        newest = slot;
        stored = Math.min(stored + 1, size);
    }

    static double dot(double[] a, double[] b) {
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
}
