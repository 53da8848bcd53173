package dev.sift.modelops.train;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Fits all columns of a head at once with L-BFGS on the {@link LogisticObjective}: a multinomial logistic regression
 * for a softmax head, independent logistic regressions (sharing every pass over the data) for a sigmoid head.
 * Warm starts are exact: the objective is strictly convex, so any start reaches the same minimum, and a start near
 * it gets there in fewer iterations.
 */
final class LbfgsFitter implements HeadFitter {

    /**
     * Far enough for the held-out scores to settle: past it, iterations move the weights in ways that change
     * neither the ranking of the labels nor the calibrated probabilities at the precision they are read.
     */
    private static final Lbfgs.Stop STOP = new Lbfgs.Stop(1_000, 1e-5, 1e-5);

    private final float[][] x;
    private final int[][] positives;
    private final Activation activation;
    private final int labels;
    private final ExecutorService pool;
    private int[] centredFor;
    private float[][] centred;
    private double[] mean;
    private int iterations;

    /**
     * @param x every training example
     * @param positives label indices of each example
     * @param activation which loss
     * @param labels output columns
     * @param threads threads evaluating the objective (results do not depend on it)
     */
    LbfgsFitter(float[][] x, int[][] positives, Activation activation, int labels, int threads) {
        this.x = x;
        this.positives = positives;
        this.activation = activation;
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
        LogisticObjective objective = new LogisticObjective(centred, subsetPositives, activation, labels, cost, pool);
        double[] theta = new double[objective.dimension()];
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
        Lbfgs.Outcome outcome = Lbfgs.minimize(objective, theta, STOP);
        iterations += outcome.iterations();
        double[] w = java.util.Arrays.copyOf(theta, width * labels);
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

    /** @return L-BFGS iterations over all fits so far */
    int iterations() {
        return iterations;
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
        centred = rows;
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
