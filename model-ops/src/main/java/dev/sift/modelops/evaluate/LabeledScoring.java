package dev.sift.modelops.evaluate;

import dev.sift.classifier.Classification;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.context.ContextReplay;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way model-ops runs a bundle's classifier over labeled data (evaluation, the optimization gate, the
 * retraining judge): in batches, and for a context-aware model through {@link ContextReplay}, so each turn is scored
 * from the texts before it exactly as a gateway that saw them would score it.
 */
public final class LabeledScoring {

    private static final int BATCH = 256;

    private LabeledScoring() {
    }

    /**
     * Scores with context (when the model reads it), without progress reporting.
     *
     * @param classifier the model
     * @param snippets labeled turns, each with its earlier turns
     * @return one classification per snippet, in order
     */
    public static List<Classification> classify(SnippetClassifier classifier, List<LabeledSnippet> snippets) {
        return classify(classifier, snippets, ContextUse.WITH_CONTEXT, Progress.NONE, "snippets");
    }

    /**
     * @param classifier the model
     * @param snippets labeled turns, each with its earlier turns
     * @param use whether a context-aware model reads the earlier turns or judges each turn alone (a context-free
     *     model always judges each turn alone)
     * @param progress progress reporting
     * @param label what is scored, for progress
     * @return one classification per snippet, in order
     */
    public static List<Classification> classify(SnippetClassifier classifier, List<LabeledSnippet> snippets,
            ContextUse use, Progress progress, String label) {
        boolean replay = use == ContextUse.WITH_CONTEXT && classifier.info().context().isPresent();
        // One replay for the whole call: an earlier turn shared by many examples of a thread is embedded once.
        ContextReplay context = replay ? new ContextReplay(classifier) : null;
        List<Classification> out = new ArrayList<>(snippets.size());
        try (Progress.Task task = progress.start("Scoring " + label, snippets.size())) {
            for (int start = 0; start < snippets.size(); start += BATCH) {
                List<LabeledSnippet> batch = snippets.subList(start, Math.min(snippets.size(), start + BATCH));
                out.addAll(replay
                        ? context.classify(batch.stream()
                                .map(s -> new ContextReplay.TurnInThread(s.text(), s.context())).toList())
                        : classifier.classify(batch.stream().map(LabeledSnippet::text).toList()));
                task.step(batch.size());
            }
        }
        return out;
    }
}
