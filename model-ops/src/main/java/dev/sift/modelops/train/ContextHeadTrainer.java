package dev.sift.modelops.train;

import dev.sift.modelops.console.Progress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Trains a context-aware intent head, one linear layer over [turn; context], that leans on the context only as far as
 * held-out data shows it helps: the context block is fitted at the {@link ContextScales} (scale 0 is the turn alone,
 * the context-free head; {@link ScaleWalk} goes from the largest down), every scale is scored on the same held-out
 * examples, and the smallest scale within the margin of the best is kept. The head's weights on the context are the
 * fitted ones times the scale, so the head stays a plain linear layer over the unscaled rows: the bundle's graph, a
 * gateway and {@code ContextReplay} read it as any context-aware head.
 *
 * <p>Which examples judge the scales: the validation split when there is one; else, when the caller names some,
 * training examples held out while the scales are compared (a learning loop's newest feedback, the traffic the next
 * model judges), the head then re-fitted on every row at the scale and cost they chose; else cross-validation on
 * the training split.
 */
public final class ContextHeadTrainer {

    private final TrainingOptions options;
    private final ContextScales scales;
    private final Progress progress;

    /**
     * @param options head training options (costs, folds, threads, seed)
     * @param scales the context scales to try and the margin
     * @param progress progress reporting
     */
    public ContextHeadTrainer(TrainingOptions options, ContextScales scales, Progress progress) {
        this.options = options;
        this.scales = scales;
        this.progress = progress;
    }

    /**
     * What the head is trained on.
     *
     * @param train training rows [turn; context]
     * @param validation validation rows, or {@code null} to cross-validate
     * @param turnWidth the width of the turn's block, the first columns of every row
     * @param judges indices of training rows that judge the scales when there is no validation split (held out while
     *     the scales are compared, then trained on); empty: cross-validation judges
     */
    public record Rows(Examples train, Examples validation, int turnWidth, int[] judges) {

        /** Checks the widths and indices. */
        public Rows {
            if (turnWidth <= 0 || (train.size() > 0 && train.width() < turnWidth)) {
                throw new IllegalArgumentException("rows of width " + train.width() + " have no turn block of "
                        + turnWidth);
            }
            judges = judges.clone();
            for (int i : judges) {
                if (i < 0 || i >= train.size()) {
                    throw new IllegalArgumentException("judge " + i + " is not a training row (" + train.size() + ")");
                }
            }
            if (judges.length > 0 && judges.length >= train.size()) {
                throw new IllegalArgumentException("the " + judges.length + " judges leave none of the "
                        + train.size() + " training rows to fit on");
            }
        }

        /**
         * @param train training rows
         * @param validation validation rows, or {@code null}
         * @param turnWidth the width of the turn's block
         * @return rows judged by the validation split or by cross-validation
         */
        public static Rows of(Examples train, Examples validation, int turnWidth) {
            return new Rows(train, validation, turnWidth, new int[0]);
        }
    }

    /**
     * A trained context-aware head and how its scale was chosen.
     *
     * @param intents the head on the unscaled rows, with the cost selection of its final fit
     * @param scale the chosen scale (0: the context is ignored)
     * @param scoreByScale the held-out score of every scale fitted, smallest scale first (empty for a fixed scale)
     * @param judgedOn what scored the scales: {@code validation split}, {@code N held-out training examples},
     *     {@code cross-validation}, or {@code a fixed scale}
     */
    public record Result(HeadTrainer.Result intents, double scale, Map<Double, Double> scoreByScale,
            String judgedOn) {
    }

    /**
     * @param rows the rows and what judges the scales
     * @param labels intent labels
     * @param singleLabel whether every example has at most one intent (accuracy selects; else micro-F1 at 0.5)
     * @return the head
     */
    public Result trainIntents(Rows rows, List<String> labels, boolean singleLabel) {
        ScaleWalk walk = new ScaleWalk(options, scales, progress);
        boolean heldOutJudges = rows.validation() == null && rows.judges().length > 0;
        if (scales.single()) {
            double scale = scales.scales()[0];
            HeadTrainer.Result fit = walk.fit(rows.train(), rows.validation(), rows.turnWidth(), scale, labels,
                    singleLabel, options, null);
            return result(rows, fit, scale, Map.of(), "a fixed scale");
        }
        Examples fitOn = heldOutJudges ? subset(rows.train(), complement(rows.judges(), rows.train().size()))
                : rows.train();
        Examples judgedBy = heldOutJudges ? subset(rows.train(), rows.judges()) : rows.validation();
        ScaleWalk.Fitted fitted = walk.run(fitOn, judgedBy, rows.turnWidth(), labels, singleLabel);
        double chosen = smallestWithinMargin(fitted.scoreByScale());
        HeadTrainer.Result fit = fitted.fits().get(chosen);
        if (heldOutJudges) {
            // The judges chose the scale with its cost: cross-validation on every row, the judges now among them,
            // only calibrates. Its own choice of cost would lean on the context again as far as the rows the
            // judges overruled favour it.
            fit = walk.fit(rows.train(), null, rows.turnWidth(), chosen, labels, singleLabel,
                    options.withCosts(fit.head().regularization()), null);
        }
        String judgedOn = rows.validation() != null ? "validation split"
                : heldOutJudges ? rows.judges().length + " held-out training examples" : "cross-validation";
        return result(rows, fit, chosen, fitted.scoreByScale(), judgedOn);
    }

    private static Result result(Rows rows, HeadTrainer.Result fit, double scale, Map<Double, Double> scoreByScale,
            String judgedOn) {
        LinearHead head = ScaledContext.unscale(fit.head(), rows.turnWidth(), rows.train().width(), scale);
        return new Result(new HeadTrainer.Result(head, fit.metric(), fit.scoreByCost()), scale, scoreByScale,
                judgedOn);
    }

    /**
     * The smallest scale whose score is within the margin of the best: context only where it clearly helps. Held-out
     * examples that no score can be computed on (accuracy of examples none of which has one intent) tell nothing, so
     * the smallest scale is kept.
     */
    private double smallestWithinMargin(Map<Double, Double> scoreByScale) {
        double smallest = scoreByScale.keySet().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double best = scoreByScale.values().stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v))
                .max().orElse(Double.NaN);
        return Double.isNaN(best) ? smallest : scoreByScale.entrySet().stream()
                .filter(e -> e.getValue() >= best - scales.margin()).mapToDouble(Map.Entry::getKey).min()
                .orElse(smallest);
    }

    private static Examples subset(Examples rows, int[] indices) {
        return new Examples(Arrays.stream(indices).mapToObj(i -> rows.x()[i]).toArray(float[][]::new),
                Arrays.stream(indices).mapToObj(rows.intents()::get).toList(),
                Arrays.stream(indices).mapToObj(rows.polarities()::get).toList());
    }

    private static int[] complement(int[] indices, int n) {
        boolean[] taken = new boolean[n];
        for (int i : indices) {
            taken[i] = true;
        }
        return IntStream.range(0, n).filter(i -> !taken[i]).toArray();
    }
}
