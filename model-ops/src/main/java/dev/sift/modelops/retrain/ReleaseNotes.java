package dev.sift.modelops.retrain;

import dev.sift.modelops.learning.DatasetVersion;
import dev.sift.modelops.optimize.Candidate;
import java.util.Locale;

/**
 * The notes of a retrained release: what it was trained on, which intents are new and how gateways treat them, how it
 * compared with the live model, and what the optimization made of it. Ops read them in the release and on
 * {@code GET /runs/last}.
 */
public final class ReleaseNotes {

    private ReleaseNotes() {
    }

    /**
     * What the notes are about.
     *
     * @param baseVersion the bundle whose encoder the heads sit on
     * @param starter the static labeled data's name
     * @param feedback the feedback data set version
     * @param outputs the intent outputs
     * @param live the live model judged against
     * @param verdict the judgement
     * @param chosen the optimized candidate
     */
    public record Subject(String baseVersion, String starter, DatasetVersion feedback, IntentOutputs outputs,
            LiveModel live, BetterThanLive.Verdict verdict, Candidate chosen) {
    }

    /**
     * @param subject what the notes are about
     * @return the notes
     */
    public static String of(Subject subject) {
        StringBuilder notes = new StringBuilder(String.format(Locale.ROOT,
                "heads of %s retrained on %s + feedback data set %s (%d training, %d held-out labels)",
                subject.baseVersion(), subject.starter(), subject.feedback().version(),
                subject.feedback().manifest().train(), subject.feedback().manifest().heldOut()));
        notes.append("; ").append(newIntents(subject.outputs()));
        notes.append(String.format(Locale.ROOT, "; held-out micro-F1@threshold %.2f%% against %.2f%% of %s",
                100 * subject.verdict().candidateMicroF1(), 100 * subject.verdict().liveMicroF1(),
                subject.live().description()));
        notes.append(String.format(Locale.ROOT, "; %s, %.2fx faster than its FP32, %+.2f points",
                subject.chosen().id(), subject.chosen().speedup(), -subject.chosen().drop()));
        return notes.toString();
    }

    /**
     * @param outputs the intent outputs
     * @return the sentence about new intents
     */
    public static String newIntents(IntentOutputs outputs) {
        if (outputs.added().isEmpty()) {
            return "no new intents";
        }
        return "new intents: " + String.join(", ", outputs.added()) + " (forwarded at each policy's defaultThreshold"
                + " unless the policy lists them in neverForward)";
    }
}
