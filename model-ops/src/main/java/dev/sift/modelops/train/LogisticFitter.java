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
import java.util.function.IntConsumer;

/**
 * L2-regularized logistic regressions on dense features, fitted with liblinear's dual coordinate-descent solver
 * (one binary problem per label, in parallel, each with its own seeded random source so results do not depend on
 * scheduling). The bias is not regularized.
 */
public final class LogisticFitter {

    private static final double TOLERANCE = 0.01;

    static {
        Linear.disableDebugOutput();
    }

    private final Feature[][] rows;
    private final int width;
    private final int threads;
    private final long seed;

    /**
     * @param x examples, one embedding per row
     * @param threads binary problems fitted at once
     * @param seed seed of the solvers' random sources
     */
    public LogisticFitter(float[][] x, int threads, long seed) {
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
        this.threads = Math.max(1, threads);
        this.seed = seed;
    }

    /** @return embedding width */
    public int width() {
        return width;
    }

    /**
     * Fits one binary model per column.
     *
     * @param positives {@code positives[k][i]}: whether example {@code i} has label {@code k}
     * @param cost liblinear's {@code C} (inverse regularization strength)
     * @param examples indices of the examples to fit on
     * @param onLabelDone called after each label, for progress
     * @return {@code [k][width + 1]}: weights, then bias, of each label
     */
    public double[][] fit(boolean[][] positives, double cost, int[] examples, IntConsumer onLabelDone) {
        int labels = positives.length;
        double[][] out = new double[labels][];
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, labels)), r -> {
            Thread t = new Thread(r, "liblinear");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < labels; k++) {
                final int label = k;
                futures.add(pool.submit(() -> {
                    out[label] = fitBinary(positives[label], cost, examples, seed + label);
                    onLabelDone.accept(label);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("training interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("training failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
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

    /**
     * Logits of examples under fitted weights.
     *
     * @param x examples
     * @param weights {@code [k][width + 1]} from {@link #fit}
     * @return {@code [example][k]}
     */
    public static double[][] logits(float[][] x, double[][] weights) {
        int k = weights.length;
        double[][] z = new double[x.length][k];
        for (int i = 0; i < x.length; i++) {
            float[] row = x[i];
            for (int j = 0; j < k; j++) {
                double[] w = weights[j];
                int width = w.length - 1;
                double sum = w[width];
                for (int d = 0; d < width; d++) {
                    sum += row[d] * w[d];
                }
                z[i][j] = sum;
            }
        }
        return z;
    }
}
