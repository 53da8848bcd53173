package dev.sift.modelops.train;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One-vs-rest L2-regularized logistic regressions fitted with liblinear's dual coordinate-descent solver, one binary
 * problem per label, in parallel, each with its own seeded random source so results do not depend on scheduling.
 * The constant feature carrying the bias is regularized like the others. No warm starts: every fit starts from zero.
 * Kept as {@link Solver#LIBLINEAR}, the reference the L-BFGS solver is measured against.
 */
final class LogisticFitter implements HeadFitter {

    private static final double TOLERANCE = 0.01;

    static {
        Linear.disableDebugOutput();
    }

    private final Feature[][] rows;
    private final boolean[][] truth;
    private final int width;
    private final ExecutorService pool;
    private final long seed;

    /**
     * @param x examples, one embedding per row
     * @param truth {@code truth[k][i]}: whether example {@code i} has label {@code k}
     * @param threads binary problems fitted at once
     * @param seed seed of the solvers' random sources
     */
    LogisticFitter(float[][] x, boolean[][] truth, int threads, long seed) {
        this.width = x.length == 0 ? 0 : x[0].length;
        this.rows = new Feature[x.length][];
        for (int i = 0; i < x.length; i++) {
            Feature[] row = new Feature[width + 1];
            for (int d = 0; d < width; d++) {
                row[d] = new FeatureNode(d + 1, x[i][d]);
            }
            row[width] = new FeatureNode(width + 1, 1.0);
            rows[i] = row;
        }
        this.truth = truth;
        this.seed = seed;
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "liblinear");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public LinearModel fit(int[] examples, double cost, LinearModel ignored) {
        int labels = truth.length;
        double[][] perLabel = new double[labels][];
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < labels; k++) {
                final int label = k;
                futures.add(pool.submit(() -> {
                    perLabel[label] = fitBinary(truth[label], cost, examples, seed + label);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("training failed: " + e.getCause().getMessage(), e.getCause());
        }
        LinearModel model = LinearModel.zeros(width, labels);
        for (int k = 0; k < labels; k++) {
            for (int d = 0; d < width; d++) {
                model.weights()[d * labels + k] = perLabel[k][d];
            }
            model.bias()[k] = perLabel[k][width];
        }
        return model;
    }

    private double[] fitBinary(boolean[] positive, double cost, int[] examples, long labelSeed) {
        int count = 0;
        for (int i : examples) {
            count += positive[i] ? 1 : 0;
        }
        double[] w = new double[width + 1];
        if (count == 0 || count == examples.length) {
            // One class only: a constant prediction, far from 0.5 in the right direction.
            w[width] = count == 0 ? -8 : 8;
            return w;
        }
        Problem problem = new Problem();
        problem.l = examples.length;
        problem.n = width + 1;
        problem.bias = -1;
        problem.x = new Feature[examples.length][];
        problem.y = new double[examples.length];
        for (int j = 0; j < examples.length; j++) {
            problem.x[j] = rows[examples[j]];
            problem.y[j] = positive[examples[j]] ? 1 : -1;
        }
        Parameter parameter = new Parameter(SolverType.L2R_LR_DUAL, cost, TOLERANCE);
        parameter.setRandom(new Random(labelSeed));
        Model model = Linear.train(problem, parameter);
        int positiveIndex = model.getLabels()[0] == 1 ? 0 : 1;
        for (int d = 0; d <= width; d++) {
            w[d] = model.getDecfunCoef(d + 1, positiveIndex);
        }
        return w;
    }

    @Override
    public boolean warmStarts() {
        return false;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
