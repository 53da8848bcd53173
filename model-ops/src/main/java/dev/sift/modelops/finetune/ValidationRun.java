package dev.sift.modelops.finetune;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Judges a run on its validation split as it trains ({@link ValidationPlan}): evaluates when due, keeps a copy of the
 * best weights ({@link BestWeights}), says when to stop ({@link EarlyStopping}), and at the end puts the best weights
 * back, so what is written back is the point the validation split chose.
 */
final class ValidationRun {

    private final int interval;
    private final int plannedSteps;
    private final IntFunction<ValidationPoint> evaluator;
    private final BestWeights best;
    private final EarlyStopping stopping;
    private final List<ValidationPoint> points = new ArrayList<>();
    private long nanos;

    /**
     * The outcome.
     *
     * @param points every evaluation, in step order
     * @param best the evaluation whose weights the run ends with
     * @param stoppedEarly whether the run stopped before its planned steps
     * @param seconds wall time spent evaluating
     */
    record Outcome(List<ValidationPoint> points, ValidationPoint best, boolean stoppedEarly, double seconds) {
    }

    /**
     * @param plan when to evaluate and when to stop
     * @param plannedSteps the steps the run plans
     * @param evaluator scores the current weights after the given number of steps
     * @param best holds the best weights
     */
    ValidationRun(ValidationPlan plan, int plannedSteps, IntFunction<ValidationPoint> evaluator, BestWeights best) {
        this.interval = plan.interval(plannedSteps);
        this.plannedSteps = plannedSteps;
        this.evaluator = evaluator;
        this.best = best;
        this.stopping = new EarlyStopping(plan.patience());
    }

    /**
     * @param step steps taken
     * @return whether the weights are evaluated now: before the first step, every interval, after the last
     */
    boolean due(int step) {
        return step % interval == 0 || step == plannedSteps;
    }

    /**
     * Evaluates the current weights, keeping a copy when they are the best so far.
     *
     * @param step steps taken
     * @return whether the run should stop
     */
    boolean evaluate(int step) {
        long started = System.nanoTime();
        ValidationPoint point = evaluator.apply(step);
        points.add(point);
        if (stopping.offer(point)) {
            best.capture();
        }
        nanos += System.nanoTime() - started;
        return stopping.exhausted();
    }

    /** @return the latest evaluation and the best, short enough to fit beside a progress bar */
    String summary() {
        ValidationPoint last = points.get(points.size() - 1);
        ValidationPoint top = stopping.best();
        return String.format(java.util.Locale.ROOT, "val acc %.3f loss %.4f, best %.3f @%d", last.accuracy(),
                last.loss(), top.accuracy(), top.step());
    }

    /**
     * Puts the best weights back (when the last evaluation was not the best).
     *
     * @param stoppedEarly whether the run stopped before its planned steps
     * @return the outcome
     */
    Outcome finish(boolean stoppedEarly) {
        ValidationPoint top = stopping.best();
        if (top != points.get(points.size() - 1)) {
            best.restore();
        }
        return new Outcome(List.copyOf(points), top, stoppedEarly, nanos / 1e9);
    }
}
