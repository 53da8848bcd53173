package dev.sift.modelops.train;

import java.util.ArrayList;
import java.util.List;

/**
 * Limited-memory BFGS on many independent problems at once, one per column of a head, sharing every pass over the
 * data: each column keeps its own curvature pairs, step length, line search and stopping test, exactly as
 * {@link Lbfgs} would on that column alone, and a column that has converged leaves the passes. A one-vs-rest head is
 * such a problem: its loss is a sum of one binary loss per column.
 *
 * <p>One L-BFGS over all columns at once reaches the same minimum, but one step length and one curvature model
 * shared by a hundred problems of different curvature take many more passes, and every pass costs all columns until
 * the slowest one has converged.
 */
final class ColumnLbfgs {

    /** Independent objectives, evaluated together. */
    interface Objective {
        /**
         * @param columns which columns, ascending
         * @param points the point of each listed column
         * @param values filled with each listed column's value
         * @param gradients filled with each listed column's gradient
         */
        void evaluate(int[] columns, double[][] points, double[] values, double[][] gradients);
    }

    /**
     * How a minimization went.
     *
     * @param passes evaluations (passes over the data)
     * @param columnPasses the sum over passes of the columns evaluated: the work done, in columns
     * @param iterations iterations of the slowest column
     */
    record Outcome(int passes, long columnPasses, int iterations) {
    }

    private ColumnLbfgs() {
    }

    /** One column's minimization. */
    private static final class Column {
        final int index;
        final double[] x;
        final double[] g;
        final double[] direction;
        final double[] trial;
        final double[] trialGradient;
        final CurvaturePairs pairs;
        double f;
        double trialValue;
        double step;
        double slope;
        boolean searching;
        boolean steepest;
        int backtracks;
        int iterations;
        boolean done;

        Column(int index, double[] x) {
            this.index = index;
            this.x = x;
            int n = x.length;
            this.g = new double[n];
            this.direction = new double[n];
            this.trial = new double[n];
            this.trialGradient = new double[n];
            this.pairs = new CurvaturePairs(Lbfgs.HISTORY, n);
        }

        /** Sets the next point to evaluate: the first step of a new iteration, or half the last step. */
        void nextTrial() {
            if (!searching) {
                pairs.direction(g, direction);
                slope = CurvaturePairs.dot(g, direction);
                if (slope >= 0) {
                    // Not a descent direction (numerical trouble): restart from steepest descent.
                    pairs.clear();
                    pairs.direction(g, direction);
                    slope = CurvaturePairs.dot(g, direction);
                }
                steepest = pairs.isEmpty();
                step = steepest ? Math.min(1, 1 / Math.sqrt(CurvaturePairs.dot(g, g))) : 1;
                searching = true;
                backtracks = 0;
                iterations++;
            } else {
                step *= 0.5;
            }
            for (int i = 0; i < x.length; i++) {
                trial[i] = x[i] + step * direction[i];
            }
        }

        /** Takes the trial point when it lowers the value enough; otherwise the next trial backtracks. */
        void judgeTrial(Lbfgs.Stop stop) {
            if (trialValue <= f + Lbfgs.ARMIJO * step * slope) {
                pairs.add(x, trial, g, trialGradient);
                double decrease = f - trialValue;
                System.arraycopy(trial, 0, x, 0, x.length);
                System.arraycopy(trialGradient, 0, g, 0, g.length);
                f = trialValue;
                searching = false;
                // A steepest-descent step says little about how far the minimum is: judge progress on quasi-Newton
                // steps.
                done = (!steepest && decrease <= stop.relativeDecrease() * Math.max(Math.abs(f), 1e-12))
                        || iterations >= stop.maxIterations() || maxAbs(g) <= stop.gradientTolerance();
            } else if (++backtracks >= Lbfgs.MAX_BACKTRACKS) {
                done = true;
            }
        }
    }

    /**
     * Minimizes every column in place.
     *
     * @param objective the columns' objectives
     * @param x the starting point of each column, overwritten by its minimizer
     * @param stop when a column stops
     * @return how it went
     */
    static Outcome minimize(Objective objective, double[][] x, Lbfgs.Stop stop) {
        List<Column> columns = new ArrayList<>(x.length);
        for (int c = 0; c < x.length; c++) {
            columns.add(new Column(c, x[c]));
        }
        int[] all = columns.stream().mapToInt(c -> c.index).toArray();
        double[] values = new double[all.length];
        double[][] gradients = new double[all.length][];
        for (int i = 0; i < all.length; i++) {
            gradients[i] = columns.get(i).g;
        }
        objective.evaluate(all, x, values, gradients);
        int passes = 1;
        long columnPasses = all.length;
        for (int i = 0; i < all.length; i++) {
            Column column = columns.get(i);
            column.f = values[i];
            column.done = stop.maxIterations() <= 0 || maxAbs(column.g) <= stop.gradientTolerance();
        }
        int iterations = 0;
        List<Column> active = columns.stream().filter(c -> !c.done).toList();
        while (!active.isEmpty()) {
            int[] indices = new int[active.size()];
            double[][] points = new double[active.size()][];
            double[] trialValues = new double[active.size()];
            double[][] trialGradients = new double[active.size()][];
            for (int i = 0; i < indices.length; i++) {
                Column column = active.get(i);
                column.nextTrial();
                indices[i] = column.index;
                points[i] = column.trial;
                trialGradients[i] = column.trialGradient;
            }
            objective.evaluate(indices, points, trialValues, trialGradients);
            passes++;
            columnPasses += indices.length;
            for (int i = 0; i < indices.length; i++) {
                Column column = active.get(i);
                column.trialValue = trialValues[i];
                column.judgeTrial(stop);
                iterations = Math.max(iterations, column.iterations);
            }
            active = active.stream().filter(c -> !c.done).toList();
        }
        return new Outcome(passes, columnPasses, iterations);
    }

    private static double maxAbs(double[] x) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
