package dev.sift.classifier;

import dev.sift.classifier.context.ContextInputs;
import java.util.List;
import java.util.Optional;

/**
 * What a classifier's scores mean.
 *
 * @param version model bundle version, carried by every decision
 * @param baseModel the pretrained encoder
 * @param intents intent labels, in score order; empty when the model has no intent head
 * @param reputationClasses {@code [negative, neutral, positive]}, or empty when the model has no reputation head
 * @param maxTokens tokens per snippet before truncation
 * @param precision {@code fp32}, {@code int8} or {@code mixed}
 * @param contextInputs what the model reads of a turn's thread, or {@code null} when it judges each turn alone
 */
public record ModelInfo(String version, String baseModel, List<String> intents, List<String> reputationClasses,
        int maxTokens, String precision, ContextInputs contextInputs) {

    /**
     * A model that judges each turn alone.
     *
     * @param version model bundle version
     * @param baseModel the pretrained encoder
     * @param intents intent labels
     * @param reputationClasses polarity labels, or empty
     * @param maxTokens tokens per snippet
     * @param precision {@code fp32}, {@code int8} or {@code mixed}
     */
    public ModelInfo(String version, String baseModel, List<String> intents, List<String> reputationClasses,
            int maxTokens, String precision) {
        this(version, baseModel, intents, reputationClasses, maxTokens, precision, null);
    }

    /** Copies the label lists. */
    public ModelInfo {
        intents = List.copyOf(intents);
        reputationClasses = List.copyOf(reputationClasses);
    }

    /** @return what the model reads of a turn's thread, empty when it judges each turn alone */
    public Optional<ContextInputs> context() {
        return Optional.ofNullable(contextInputs);
    }

    /** @return whether the model scores reputation */
    public boolean hasReputation() {
        return !reputationClasses.isEmpty();
    }
}
