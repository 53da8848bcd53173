package dev.sift.gateway.topology;

import dev.sift.classifier.Classification;
import dev.sift.classifier.ClassificationException;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.context.ContextInputs;
import dev.sift.classifier.context.ContextualText;
import dev.sift.gateway.context.ThreadedScoring;
import dev.sift.gateway.context.TurnOutcome;
import dev.sift.gateway.release.LiveModel;
import dev.sift.schema.ContextTurn;
import dev.sift.schema.PendingSnippet;
import java.util.List;
import java.util.Optional;

/**
 * The score step: a micro-batch is scored in one call, under one lease of the live model, so a hot swap never splits
 * a batch between two models. If the batch call fails, each snippet is scored on its own and only those that still
 * fail are reported as failed; the rest of the batch is scored. A model that reads conversation context is given
 * each snippet's thread memory ({@link ThreadedScoring}); a model that judges each snippet alone never touches the
 * context store.
 */
final class BatchScorer {

    /** Where the scores of a batch go, in the batch's order. */
    interface Results {

        /**
         * @param snippet a snippet of the batch
         * @param scores its classification
         * @param modelVersion the model that scored it
         * @param judgedWith its thread's latest turns as text that a context-aware model judged it after, oldest
         *     first; empty for a model that judges snippets alone
         */
        void scored(PendingSnippet snippet, Classification scores, String modelVersion, List<ContextTurn> judgedWith);

        /**
         * @param snippet a snippet the model failed on, alone too
         * @param reason why
         */
        void failed(PendingSnippet snippet, Exception reason);
    }

    private final LiveModel model;
    private final DecisionObserver observer;
    private final ThreadedScoring threads;

    /**
     * @param model the live model
     * @param observer sees each batch inference call
     * @param threads scores batches with conversation context, for models that read it
     */
    BatchScorer(LiveModel model, DecisionObserver observer, ThreadedScoring threads) {
        this.model = model;
        this.observer = observer;
        this.threads = threads;
    }

    /**
     * @param batch snippets in input order
     * @param results where each one's scores or failure go, in that order
     */
    void score(List<PendingSnippet> batch, Results results) {
        try (LiveModel.Lease lease = model.acquire()) {
            SnippetClassifier classifier = lease.classifier();
            String version = classifier.info().version();
            Optional<ContextInputs> context = classifier.info().context();
            if (context.isPresent()) {
                inContext(batch, classifier, version, context.get(), results);
            } else {
                alone(batch, classifier, version, results);
            }
        }
    }

    private void alone(List<PendingSnippet> batch, SnippetClassifier classifier, String version, Results results) {
        List<String> texts = batch.stream().map(p -> p.getSnippet().getText()).toList();
        List<Classification> scores;
        long start = System.nanoTime();
        try {
            scores = classifier.classify(texts);
        } catch (ClassificationException batchFailed) {
            oneByOne(batch, classifier, version, results);
            return;
        }
        observer.observeInference(texts.size(), System.nanoTime() - start);
        for (int i = 0; i < batch.size(); i++) {
            results.scored(batch.get(i), scores.get(i), version, List.of());
        }
    }

    private void inContext(List<PendingSnippet> batch, SnippetClassifier classifier, String version,
            ContextInputs inputs, Results results) {
        List<TurnOutcome> outcomes = threads.score(batch, version, inputs, turns -> timed(classifier, turns));
        for (int i = 0; i < batch.size(); i++) {
            TurnOutcome outcome = outcomes.get(i);
            if (outcome instanceof TurnOutcome.Scored scored) {
                results.scored(batch.get(i), scored.scores(), version, scored.context());
            } else if (outcome instanceof TurnOutcome.Failed failed) {
                results.failed(batch.get(i), failed.reason());
            }
        }
    }

    private List<Classification> timed(SnippetClassifier classifier, List<ContextualText> turns) {
        long start = System.nanoTime();
        List<Classification> scores = classifier.classifyInContext(turns);
        observer.observeInference(turns.size(), System.nanoTime() - start);
        return scores;
    }

    private static void oneByOne(List<PendingSnippet> batch, SnippetClassifier classifier, String version,
            Results results) {
        for (PendingSnippet pending : batch) {
            Classification scores;
            try {
                scores = classifier.classify(pending.getSnippet().getText());
            } catch (ClassificationException e) {
                results.failed(pending, e);
                continue;
            }
            results.scored(pending, scores, version, List.of());
        }
    }
}
