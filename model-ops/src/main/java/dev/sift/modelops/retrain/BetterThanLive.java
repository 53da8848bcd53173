package dev.sift.modelops.retrain;

import dev.sift.modelops.evaluate.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a candidate is better than the live model, on the held-out feedback, at the threshold the fleet forwards
 * at. Both are scored on the candidate's intents (an intent the live model lacks counts as never predicted by it).
 * The candidate is better when, in this order:
 *
 * <ol>
 *   <li>no intent of the live model with at least {@code min-intent-support} held-out examples loses more than
 *       {@code max-intent-loss-points} of F1;</li>
 *   <li>every new intent with at least {@code min-intent-support} held-out examples reaches an F1 of
 *       {@code min-new-intent-f1};</li>
 *   <li>its micro-F1 over all intents beats the live model's by at least {@code min-gain-points}.</li>
 * </ol>
 *
 * An intent with fewer held-out examples is not judged on its own (its F1 on a handful of examples is noise), but
 * still counts in the micro-F1.
 */
public final class BetterThanLive {

    private BetterThanLive() {
    }

    /**
     * The rule's settings.
     *
     * @param threshold the intent threshold (the fleet default policy's {@code defaultThreshold})
     * @param minGainPoints least micro-F1 gain, in points
     * @param maxIntentLossPoints most F1 a live intent may lose, in points
     * @param minIntentSupport fewest held-out examples for an intent to be judged on its own
     * @param minNewIntentF1 least F1 of a new intent
     */
    public record Criteria(double threshold, double minGainPoints, double maxIntentLossPoints, int minIntentSupport,
            double minNewIntentF1) {
    }

    /**
     * One intent's figures.
     *
     * @param intent the intent
     * @param support held-out examples with it
     * @param live the live model's F1 (0 when it lacks the intent)
     * @param candidate the candidate's F1
     * @param added whether it is new (the live model lacks it)
     * @param judged whether it had the support to be judged on its own
     */
    public record IntentFigures(String intent, int support, double live, double candidate, boolean added,
            boolean judged) {
    }

    /**
     * The judgement.
     *
     * @param better whether the candidate is better
     * @param reason why (or why not), in a sentence
     * @param liveMicroF1 the live model's micro-F1
     * @param candidateMicroF1 the candidate's micro-F1
     * @param intents every intent's figures
     */
    public record Verdict(boolean better, String reason, double liveMicroF1, double candidateMicroF1,
            List<IntentFigures> intents) {
    }

    /**
     * @param criteria the rule's settings
     * @param labels the candidate's intents, the columns of the scores
     * @param liveIntents the intents the live model has
     * @param live the live model's probabilities {@code [example][label]}
     * @param candidate the candidate's probabilities {@code [example][label]}
     * @param truth the held-out labels {@code [label][example]}
     * @return the verdict
     */
    public static Verdict judge(Criteria criteria, List<String> labels, Set<String> liveIntents, float[][] live,
            float[][] candidate, boolean[][] truth) {
        List<Metrics.LabelReport> liveReport = Metrics.perLabel(labels, live, truth, criteria.threshold());
        List<Metrics.LabelReport> candidateReport = Metrics.perLabel(labels, candidate, truth, criteria.threshold());
        List<IntentFigures> intents = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            int support = candidateReport.get(k).support();
            intents.add(new IntentFigures(labels.get(k), support, liveReport.get(k).f1(),
                    candidateReport.get(k).f1(), !liveIntents.contains(labels.get(k)),
                    support >= criteria.minIntentSupport()));
        }
        double liveMicro = Metrics.microF1(live, truth, criteria.threshold());
        double candidateMicro = Metrics.microF1(candidate, truth, criteria.threshold());
        Optional<String> refusal = regression(criteria, intents).or(() -> weakNewIntent(criteria, intents));
        if (refusal.isPresent()) {
            return new Verdict(false, refusal.get(), liveMicro, candidateMicro, intents);
        }
        double gain = 100 * (candidateMicro - liveMicro);
        if (gain < criteria.minGainPoints()) {
            return new Verdict(false, String.format(Locale.ROOT, "held-out micro-F1@%.2f %.2f%% does not beat the"
                    + " live model's %.2f%% by %.2f points (%+.2f)", criteria.threshold(), 100 * candidateMicro,
                    100 * liveMicro, criteria.minGainPoints(), gain), liveMicro, candidateMicro, intents);
        }
        return new Verdict(true, String.format(Locale.ROOT, "held-out micro-F1@%.2f %.2f%% against the live model's"
                + " %.2f%% (%+.2f points)", criteria.threshold(), 100 * candidateMicro, 100 * liveMicro, gain),
                liveMicro, candidateMicro, intents);
    }

    private static Optional<String> regression(Criteria criteria, List<IntentFigures> intents) {
        return intents.stream().filter(f -> f.judged() && !f.added())
                .filter(f -> 100 * (f.live() - f.candidate()) > criteria.maxIntentLossPoints())
                .max(java.util.Comparator.comparingDouble(f -> f.live() - f.candidate()))
                .map(f -> String.format(Locale.ROOT, "intent %s loses %.2f points of held-out F1 (%.2f%% -> %.2f%%"
                        + " on %d examples), more than %.2f", f.intent(), 100 * (f.live() - f.candidate()),
                        100 * f.live(), 100 * f.candidate(), f.support(), criteria.maxIntentLossPoints()));
    }

    private static Optional<String> weakNewIntent(Criteria criteria, List<IntentFigures> intents) {
        return intents.stream().filter(f -> f.judged() && f.added() && f.candidate() < criteria.minNewIntentF1())
                .findFirst().map(f -> String.format(Locale.ROOT, "new intent %s reaches a held-out F1 of %.2f%% on"
                        + " %d examples, below %.2f%%", f.intent(), 100 * f.candidate(), f.support(),
                        100 * criteria.minNewIntentF1()));
    }
}
