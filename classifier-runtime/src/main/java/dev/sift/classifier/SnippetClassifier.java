package dev.sift.classifier;

import dev.sift.classifier.context.ContextualText;
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
     * Scores turns with the memory of their threads. A model that judges each turn alone
     * ({@link ModelInfo#context()} empty) ignores the memories; a context-aware one reads them and returns each
     * turn's own {@link Classification#embedding()}, to fold into its thread's memory.
     *
     * @param turns texts with their threads' memories, whose width is the model's
     * @return one classification per turn, in input order
     * @throws ClassificationException when inference fails
     * @throws IllegalArgumentException when a memory's width is not the model's
     */
    default List<Classification> classifyInContext(List<ContextualText> turns) {
        return classify(turns.stream().map(ContextualText::text).toList());
    }

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
