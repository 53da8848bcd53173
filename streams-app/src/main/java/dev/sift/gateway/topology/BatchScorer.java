package dev.sift.gateway.topology;

import dev.sift.classifier.Classification;
import dev.sift.classifier.ClassificationException;
import dev.sift.gateway.release.LiveModel;
import dev.sift.schema.PendingSnippet;
import java.util.List;

/**
 * The score step: a micro-batch is scored in one call, under one lease of the live model, so a hot swap never splits
 * a batch between two models. If the batch call fails, each snippet is scored on its own and only those that still
 * fail are reported as failed; the rest of the batch is scored.
 */
final class BatchScorer {

    /** Where the scores of a batch go, in the batch's order. */
    interface Results {

        /**
         * @param snippet a snippet of the batch
         * @param scores its classification
         * @param modelVersion the model that scored it
         */
        void scored(PendingSnippet snippet, Classification scores, String modelVersion);

        /**
         * @param snippet a snippet the model failed on, alone too
         * @param reason why
         */
        void failed(PendingSnippet snippet, Exception reason);
    }

    private final LiveModel model;
    private final DecisionObserver observer;

    /**
     * @param model the live model
     * @param observer sees each batch inference call
     */
    BatchScorer(LiveModel model, DecisionObserver observer) {
        this.model = model;
        this.observer = observer;
    }

    /**
     * @param batch snippets in input order
     * @param results where each one's scores or failure go, in that order
     */
    void score(List<PendingSnippet> batch, Results results) {
        List<String> texts = batch.stream().map(p -> p.getSnippet().getText()).toList();
        try (LiveModel.Lease lease = model.acquire()) {
            String version = lease.classifier().info().version();
            List<Classification> scores;
            long start = System.nanoTime();
            try {
                scores = lease.classifier().classify(texts);
            } catch (ClassificationException batchFailed) {
                oneByOne(batch, lease, version, results);
                return;
            }
            observer.observeInference(texts.size(), System.nanoTime() - start);
            for (int i = 0; i < batch.size(); i++) {
                results.scored(batch.get(i), scores.get(i), version);
            }
        }
    }

    private static void oneByOne(List<PendingSnippet> batch, LiveModel.Lease lease, String version,
            Results results) {
        for (PendingSnippet pending : batch) {
            Classification scores;
            try {
                scores = lease.classifier().classify(pending.getSnippet().getText());
            } catch (ClassificationException e) {
                results.failed(pending, e);
                continue;
            }
            results.scored(pending, scores, version);
        }
    }
}
