package dev.sift.gateway.context;

import dev.sift.classifier.Classification;
import dev.sift.classifier.ClassificationException;
import dev.sift.classifier.context.ContextualText;
import java.util.List;

/** One inference call of the leased model on turns with their threads' memories (timed and observed by the caller). */
@FunctionalInterface
public interface ContextInference {

    /**
     * @param turns texts with their threads' memories
     * @return one classification per turn, in order, each with the turn's embedding
     * @throws ClassificationException when inference fails
     */
    List<Classification> classify(List<ContextualText> turns);
}
