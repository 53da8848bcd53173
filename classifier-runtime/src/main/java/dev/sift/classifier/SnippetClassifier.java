package dev.sift.classifier;

import java.util.List;

/**
 * Scores snippets for intents (multi-label) and reputation polarity. Implementations are thread-safe and hold native
 * resources: {@link #close()} releases them once, after running calls finish.
 */
public interface SnippetClassifier extends AutoCloseable {

    /** @return what the scores mean and which model made them */
    ModelInfo info();

    /**
     * Scores a batch of snippets. Implementations sort by length internally to waste little on padding.
     *
     * @param texts snippet texts, any length (longer ones are truncated and flagged)
     * @return one classification per text, in input order
     * @throws ClassificationException when inference fails
     */
    List<Classification> classify(List<String> texts);

    /**
     * Scores one snippet.
     *
     * @param text the snippet text
     * @return its classification
     */
    default Classification classify(String text) {
        return classify(List.of(text)).get(0);
    }

    /** @return counters of this classifier's work */
    ClassifierStats stats();

    @Override
    void close();
}
