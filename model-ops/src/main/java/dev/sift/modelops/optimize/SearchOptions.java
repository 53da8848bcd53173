package dev.sift.modelops.optimize;

import dev.sift.modelops.vocab.VocabularyPlan;
import java.util.List;
import java.util.Optional;

/**
 * The candidates to try and how to judge them.
 *
 * @param pruneRatios shares of feed-forward channels to remove (0 = none)
 * @param keepFp32 precision plans: -1 = FP32, 0 = every weight MatMul INT8, k = the k most sensitive stay FP32
 * @param smoothing activation-smoothing strengths tried with every INT8 plan: 0 = none, α in (0, 1) = see
 *     {@link ActivationSmoother}
 * @param maxDropPoints largest allowed loss on the main metric, in points (0.5 = half a point)
 * @param objective what to minimize among the candidates that pass
 * @param calibrationTexts snippets used for profiling and sensitivity
 * @param latencyRounds interleaved latency rounds
 * @param reduceRange 7-bit weights (x86 without VNNI)
 * @param vocabulary when present, every candidate also gets a vocabulary pruned as this plan says (the reference
 *     stays the full FP32 bundle, so what pruning costs is inside each candidate's drop)
 */
public record SearchOptions(List<Double> pruneRatios, List<Integer> keepFp32, List<Double> smoothing,
        double maxDropPoints,
        Objective objective, int calibrationTexts, int latencyRounds, boolean reduceRange,
        Optional<VocabularyPlan> vocabulary) {

    /** Latency rounds, interleaved across candidates, that each candidate's median is taken over. */
    public static final int LATENCY_ROUNDS = 12;

    /** What the search minimizes. */
    public enum Objective {
        /** Median single-snippet latency. */
        FASTEST,
        /** Bundle size. */
        SMALLEST
    }

    /** @return pruning 0-30%, FP32 / INT8 / INT8 keeping 2 or 4 MatMuls FP32, no smoothing, 0.5-point gate, fastest */
    public static SearchOptions defaults() {
        return new SearchOptions(List.of(0.0, 0.1, 0.2, 0.3), List.of(-1, 0, 2, 4), List.of(0.0), 0.5,
                Objective.FASTEST, 256, LATENCY_ROUNDS,
                DynamicQuantizer.cpuNeedsReducedRange(), Optional.empty());
    }
}
