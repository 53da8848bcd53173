package dev.sift.modelops.train;

import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fits all columns of a head with L-BFGS: a multinomial head as one problem ({@link Lbfgs} on the
 * {@link LogisticObjective}), a one-vs-rest head as one problem per column sharing every pass over the data
 * ({@link ColumnLbfgs} on the {@link ColumnObjective}), or, when asked, as one problem too (the earlier recipe).
 * Warm starts are exact: each objective is strictly convex, so any start reaches the same minimum, and a start near
 * it gets there in fewer passes.
 */
final class LbfgsFitter implements HeadFitter {

    /**
     * Far enough for the held-out scores to settle: past it, iterations move the weights in ways that change
     * neither the ranking of the labels nor the calibrated probabilities at the precision they are read.
     */
    private static final Lbfgs.Stop STOP = new Lbfgs.Stop(1_000, 1e-5, 1e-5);

    /**
     * The same test per column. A column's gradient is a share of the head's, so an absolute gradient bound would
     * stop it early: columns stop on the relative decrease alone.
     */
    private static final Lbfgs.Stop COLUMN_STOP = new Lbfgs.Stop(1_000, 0, 1e-5);

    private final float[][] x;
    private final int[][] positives;
    private final Loss loss;
    private final boolean perColumn;
    private final int labels;
    private final ExecutorService pool;
    private int[] centredFor;
    private DataPass centred;
    private double[] mean;

    /**
     * @param x every training example
     * @param positives label indices of each example
     * @param loss the loss
     * @param perColumn whether a one-vs-rest loss is minimized column by column (a multinomial loss never is)
     * @param labels output columns
     * @param threads threads evaluating the objective (results do not depend on it)
     */
    LbfgsFitter(float[][] x, int[][] positives, Loss loss, boolean perColumn, int labels, int threads) {
        this.x = x;
        this.positives = positives;
        this.loss = loss;
        this.perColumn = perColumn && loss == Loss.ONE_VS_REST;
        this.labels = labels;
        this.pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "head-training");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    @Override
    public LinearModel fit(int[] examples, double cost, LinearModel start) {
        centre(examples);
        int width = mean.length;
        int[][] subsetPositives = new int[examples.length][];
        for (int i = 0; i < examples.length; i++) {
            subsetPositives[i] = positives[examples[i]];
        }
        double[] theta = new double[width * labels + labels];
        if (start != null) {
            int wLength = width * labels;
            System.arraycopy(start.weights(), 0, theta, 0, wLength);
            // Scores are unchanged by centring when the mean's contribution moves into the bias.
            for (int j = 0; j < labels; j++) {
                double b = start.bias()[j];
                for (int d = 0; d < width; d++) {
                    b += mean[d] * start.weights()[d * labels + j];
                }
                theta[wLength + j] = b;
            }
        }
        if (perColumn) {
            double[][] columns = toColumns(theta, width);
            ColumnLbfgs.minimize(new ColumnObjective(centred, subsetPositives, labels, cost), columns, COLUMN_STOP);
            fromColumns(columns, theta, width);
        } else {
            Lbfgs.minimize(new LogisticObjective(centred, subsetPositives, loss, labels, cost), theta, STOP);
        }
        double[] w = Arrays.copyOf(theta, width * labels);
        double[] b = new double[labels];
        for (int j = 0; j < labels; j++) {
            double v = theta[width * labels + j];
            for (int d = 0; d < width; d++) {
                v -= mean[d] * w[d * labels + j];
            }
            b[j] = v;
        }
        return new LinearModel(width, labels, w, b);
    }

    private double[][] toColumns(double[] theta, int width) {
        double[][] columns = new double[labels][width + 1];
        for (int j = 0; j < labels; j++) {
            for (int d = 0; d < width; d++) {
                columns[j][d] = theta[d * labels + j];
            }
            columns[j][width] = theta[width * labels + j];
        }
        return columns;
    }

    private void fromColumns(double[][] columns, double[] theta, int width) {
        for (int j = 0; j < labels; j++) {
            for (int d = 0; d < width; d++) {
                theta[d * labels + j] = columns[j][d];
            }
            theta[width * labels + j] = columns[j][width];
        }
    }

    private void centre(int[] examples) {
        if (examples == centredFor) {
            return;
        }
        int width = x.length == 0 ? 0 : x[0].length;
        double[] m = new double[width];
        for (int i : examples) {
            for (int d = 0; d < width; d++) {
                m[d] += x[i][d];
            }
        }
        for (int d = 0; d < width; d++) {
            m[d] /= Math.max(1, examples.length);
        }
        float[][] rows = new float[examples.length][width];
        for (int i = 0; i < examples.length; i++) {
            float[] source = x[examples[i]];
            for (int d = 0; d < width; d++) {
                rows[i][d] = (float) (source[d] - m[d]);
            }
        }
        mean = m;
        centred = new DataPass(rows, pool);
        centredFor = examples;
    }

    @Override
    public boolean warmStarts() {
        return true;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
