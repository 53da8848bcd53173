package dev.sift.classifier;

import java.util.List;

/**
 * What a classifier's scores mean.
 *
 * @param version model bundle version, carried by every decision
 * @param baseModel the pretrained encoder
 * @param intents intent labels, in score order; empty when the model has no intent head
 * @param reputationClasses {@code [negative, neutral, positive]}, or empty when the model has no reputation head
 * @param maxTokens tokens per snippet before truncation
 * @param precision {@code fp32}, {@code int8} or {@code mixed}
 */
public record ModelInfo(String version, String baseModel, List<String> intents, List<String> reputationClasses,
        int maxTokens, String precision) {

    /** Copies the label lists. */
    public ModelInfo {
        intents = List.copyOf(intents);
        reputationClasses = List.copyOf(reputationClasses);
    }

    /** @return whether the model scores reputation */
    public boolean hasReputation() {
        return !reputationClasses.isEmpty();
    }
}
