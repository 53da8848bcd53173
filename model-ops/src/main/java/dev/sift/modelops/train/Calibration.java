package dev.sift.modelops.train;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.sift.classifier.bundle.BundleManifest;
import java.util.Map;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * Fits probability calibrations on held-out logits, so that a score of 0.8 is right about 80% of the time.
 * Platt scaling ({@code sigmoid(a·z + b)}, one pair shared by all intents, fitted as a 1-D logistic regression by
 * liblinear) for independent labels; temperature scaling ({@code softmax(z / T)}, fitted by Brent's method on the
 * log-likelihood) for a single distribution.
 */
public final class Calibration {

    static {
        Linear.disableDebugOutput();
    }

    private Calibration() {
    }

    /**
     * Platt scaling parameters.
     *
     * @param scale {@code a}
     * @param offset {@code b}
     */
    public record Platt(double scale, double offset) {
    }

    /** Name of Platt scaling in the manifest. */
    static final String PLATT = "platt";
    /** Name of temperature scaling in the manifest. */
    static final String TEMPERATURE = "temperature";

    /**
     * @param platt fitted Platt scaling
     * @return its manifest entry
     */
    static BundleManifest.Calibration entry(Platt platt) {
        return new BundleManifest.Calibration(PLATT, Map.of("scale", platt.scale(), "offset", platt.offset()));
    }

    /**
     * @param temperature fitted temperature
     * @return its manifest entry
     */
    static BundleManifest.Calibration entry(double temperature) {
        return new BundleManifest.Calibration(TEMPERATURE, Map.of(TEMPERATURE, temperature));
    }

    /**
     * The affine map {@code z -> scale·z + offset} a calibration applies to the scores before the activation (a
     * temperature {@code T} is {@code 1/T} and 0), as folded into a head's weights.
     *
     * @param calibration a manifest entry, or null
     * @return the map (identity when there is no calibration)
     */
    static Platt folded(BundleManifest.Calibration calibration) {
        if (calibration == null) {
            return new Platt(1, 0);
        }
        Map<String, Double> p = calibration.parameters();
        return switch (calibration.method()) {
            case TEMPERATURE -> new Platt(1 / p.getOrDefault(TEMPERATURE, 1.0), 0);
            case PLATT -> new Platt(p.getOrDefault("scale", 1.0), p.getOrDefault("offset", 0.0));
            default -> new Platt(1, 0);
        };
    }

    /**
     * Fits Platt scaling over every (logit, label) pair.
     *
     * @param logits {@code [example][label]}
     * @param positives {@code [label][example]} truth
     * @return the fitted scaling
     */
    public static Platt platt(double[][] logits, boolean[][] positives) {
        int examples = logits.length;
        int labels = positives.length;
        Problem problem = new Problem();
        problem.l = examples * labels;
        problem.n = 2;
        // The second feature is the constant 1: liblinear's bias term, left unregularized.
        problem.bias = 1;
        problem.x = new Feature[problem.l][];
        problem.y = new double[problem.l];
        int p = 0;
        boolean anyPositive = false;
        for (int i = 0; i < examples; i++) {
            for (int k = 0; k < labels; k++) {
                problem.x[p] = new Feature[] {new FeatureNode(1, logits[i][k]), new FeatureNode(2, 1.0)};
                problem.y[p] = positives[k][i] ? 1 : -1;
                anyPositive |= positives[k][i];
                p++;
            }
        }
        if (!anyPositive) {
            return new Platt(1, 0);
        }
        // Weak regularization: two parameters, hundreds of thousands of points.
        Parameter parameter = new Parameter(SolverType.L2R_LR, 1e4, 1e-6);
        parameter.setRegularizeBias(false);
        Model model = Linear.train(problem, parameter);
        int positiveIndex = model.getLabels()[0] == 1 ? 0 : 1;
        return new Platt(model.getDecfunCoef(1, positiveIndex), model.getDecfunBias(positiveIndex));
    }

    /**
     * Fits a softmax temperature minimizing the negative log-likelihood.
     *
     * @param logits {@code [example][class]}
     * @param truth class index of each example
     * @return the temperature {@code T}
     */
    public static double temperature(double[][] logits, int[] truth) {
        return temperature(logits, java.util.Arrays.stream(truth).mapToObj(k -> new int[] {k}).toArray(int[][]::new));
    }

    /**
     * Fits a softmax temperature minimizing the cross-entropy against each example's target: the uniform
     * distribution over its classes, or over all classes when it has none (the loss the softmax head is trained on,
     * so that irrelevant examples keep the temperature from sharpening their flat scores).
     *
     * @param logits {@code [example][class]}
     * @param positives class indices of each example
     * @return the temperature {@code T}
     */
    static double temperature(double[][] logits, int[][] positives) {
        UnivariateFunction nll = logT -> {
            double t = Math.exp(logT);
            double total = 0;
            for (int i = 0; i < logits.length; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (double z : logits[i]) {
                    max = Math.max(max, z / t);
                }
                double sum = 0;
                for (double z : logits[i]) {
                    sum += Math.exp(z / t - max);
                }
                double logSum = max + Math.log(sum);
                int[] target = positives[i];
                double loss = 0;
                if (target.length == 0) {
                    for (double z : logits[i]) {
                        loss += logSum - z / t;
                    }
                    loss /= logits[i].length;
                } else {
                    for (int k : target) {
                        loss += logSum - logits[i][k] / t;
                    }
                    loss /= target.length;
                }
                total += loss;
            }
            return total;
        };
        BrentOptimizer brent = new BrentOptimizer(1e-6, 1e-8);
        double logT = brent.optimize(new MaxEval(200), new UnivariateObjectiveFunction(nll), GoalType.MINIMIZE,
                new SearchInterval(Math.log(0.02), Math.log(50), 0)).getPoint();
        return Math.exp(logT);
    }
}
