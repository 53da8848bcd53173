package dev.sift.modelops.train;

import dev.sift.modelops.console.Progress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits a context-aware intent head at each {@link ContextScales scale} and scores it on held-out data: from the
 * largest scale down, each fit starting from the one above it (the same scores, its context weights rescaled), and
 * stopping once a scale scores more than the margin below the best, since smaller scales only lean less on context
 * that is already leaned on too little. The turn alone (scale 0) is always fitted: it is what every other scale is
 * compared with.
 */
final class ScaleWalk {

    private final TrainingOptions options;
    private final ContextScales scales;
    private final Progress progress;

    /**
     * @param options head training options
     * @param scales the scales and the margin
     * @param progress progress reporting
     */
    ScaleWalk(TrainingOptions options, ContextScales scales, Progress progress) {
        this.options = options;
        this.scales = scales;
        this.progress = progress;
    }

    /**
     * The scales fitted.
     *
     * @param scoreByScale held-out score of every scale fitted, smallest scale first
     * @param fits the head fitted at each of them, on the scaled rows
     */
    record Fitted(Map<Double, Double> scoreByScale, Map<Double, HeadTrainer.Result> fits) {
    }

    /**
     * @param train rows to fit on, [turn; context]
     * @param validation rows to score on, or {@code null} to cross-validate
     * @param turnWidth the width of the turn's block
     * @param labels intent labels
     * @param singleLabel whether every example has at most one intent
     * @return the scales fitted with their scores
     */
    Fitted run(Examples train, Examples validation, int turnWidth, List<String> labels, boolean singleLabel) {
        double[] ascending = scales.scales();
        Map<Double, Double> scores = new TreeMap<>();
        Map<Double, HeadTrainer.Result> fits = new TreeMap<>();
        double best = Double.NEGATIVE_INFINITY;
        HeadTrainer.Result above = null;
        double aboveScale = Double.NaN;
        for (int i = ascending.length - 1; i >= 0 && ascending[i] > 0; i--) {
            double scale = ascending[i];
            LinearHead start = above == null ? null
                    : ScaledContext.rescale(above.head(), turnWidth, aboveScale / scale);
            HeadTrainer.Result fit = fit(train, validation, turnWidth, scale, labels, singleLabel, options, start);
            double score = fit.scoreByCost().get(fit.head().regularization());
            scores.put(scale, score);
            fits.put(scale, fit);
            best = Math.max(best, score);
            if (score < best - scales.margin()) {
                break;
            }
            above = fit;
            aboveScale = scale;
        }
        if (ascending[0] == 0) {
            HeadTrainer.Result alone = fit(train, validation, turnWidth, 0, labels, singleLabel, options, null);
            scores.put(0.0, alone.scoreByCost().get(alone.head().regularization()));
            fits.put(0.0, alone);
        }
        return new Fitted(new LinkedHashMap<>(scores), new LinkedHashMap<>(fits));
    }

    /**
     * Fits one scale.
     *
     * @param train rows to fit on, [turn; context]
     * @param validation rows to score on, or {@code null} to cross-validate
     * @param turnWidth the width of the turn's block
     * @param scale the context block's scale
     * @param labels intent labels
     * @param singleLabel whether every example has at most one intent
     * @param with the training options (costs, folds)
     * @param start a head on rows of this scale to start from, or {@code null}
     * @return the head on the scaled rows
     */
    HeadTrainer.Result fit(Examples train, Examples validation, int turnWidth, double scale, List<String> labels,
            boolean singleLabel, TrainingOptions with, LinearHead start) {
        return new HeadTrainer(with, progress).trainIntents(ScaledContext.rows(train, turnWidth, scale),
                validation == null ? null : ScaledContext.rows(validation, turnWidth, scale), labels, singleLabel,
                start);
    }
}
