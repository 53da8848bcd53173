package dev.sift.classifier;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of one snippet.
 *
 * @param intents intent labels (same order as {@code intentScores})
 * @param intentScores calibrated probability of each intent, independent of each other (multi-label)
 * @param reputationClasses {@code [negative, neutral, positive]}, or empty
 * @param reputationScores probability of each polarity, summing to 1, or empty
 * @param tokenCount tokens of the whole text (an estimate when truncated)
 * @param truncated whether the text was cut to the model's max tokens
 * @param embedding the turn's own embedding, which a context-aware model returns so that later turns of its thread
 *     can be judged with it; empty for a model that judges each turn alone
 */
public record Classification(List<String> intents, float[] intentScores, List<String> reputationClasses,
        float[] reputationScores, int tokenCount, boolean truncated, float[] embedding) {

    /**
     * The scores of a model that judges each turn alone.
     *
     * @param intents intent labels
     * @param intentScores probability of each intent
     * @param reputationClasses polarity labels, or empty
     * @param reputationScores probability of each polarity, or empty
     * @param tokenCount tokens of the whole text
     * @param truncated whether the text was cut
     */
    public Classification(List<String> intents, float[] intentScores, List<String> reputationClasses,
            float[] reputationScores, int tokenCount, boolean truncated) {
        this(intents, intentScores, reputationClasses, reputationScores, tokenCount, truncated, new float[0]);
    }

    /** Normalizes an absent embedding to an empty one. */
    public Classification {
        embedding = embedding == null ? new float[0] : embedding;
    }

    /**
     * @param intent an intent label
     * @return its probability
     * @throws IllegalArgumentException when the model has no such intent
     */
    public float intent(String intent) {
        int i = intents.indexOf(intent);
        if (i < 0) {
            throw new IllegalArgumentException("unknown intent " + intent + " (model intents: " + intents + ")");
        }
        return intentScores[i];
    }

    /** @return intent label to probability, in model order */
    public Map<String, Float> intentMap() {
        Map<String, Float> map = new LinkedHashMap<>();
        for (int i = 0; i < intents.size(); i++) {
            map.put(intents.get(i), intentScores[i]);
        }
        return map;
    }

    /** @return the most probable intent, or {@code null} when the model has none */
    public String topIntent() {
        int best = -1;
        for (int i = 0; i < intentScores.length; i++) {
            if (best < 0 || intentScores[i] > intentScores[best]) {
                best = i;
            }
        }
        return best < 0 ? null : intents.get(best);
    }

    /**
     * @param polarity {@code negative}, {@code neutral} or {@code positive}
     * @return its probability, or 0 when the model has no reputation head
     */
    public float reputation(String polarity) {
        int i = reputationClasses.indexOf(polarity);
        return i < 0 ? 0f : reputationScores[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Classification c && intents.equals(c.intents)
                && Arrays.equals(intentScores, c.intentScores) && reputationClasses.equals(c.reputationClasses)
                && Arrays.equals(reputationScores, c.reputationScores) && tokenCount == c.tokenCount
                && truncated == c.truncated && Arrays.equals(embedding, c.embedding);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(intentScores) + Arrays.hashCode(reputationScores) + tokenCount;
    }

    @Override
    public String toString() {
        return "Classification" + intentMap() + " reputation=" + reputationClasses + Arrays.toString(reputationScores)
                + " tokens=" + tokenCount + (truncated ? " (truncated)" : "");
    }
}
