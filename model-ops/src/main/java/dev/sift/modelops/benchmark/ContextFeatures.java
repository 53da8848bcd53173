package dev.sift.modelops.benchmark;

import dev.sift.modelops.dataset.DialogueTurn;
import dev.sift.modelops.dataset.Speaker;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the feature row of a turn for a {@link ContextDesign} from embeddings computed beforehand. */
final class ContextFeatures {

    private final Map<String, float[]> embeddings;
    private final int width;

    /**
     * @param embeddings the embedding of every text a turn or its context holds
     * @param width the embedding width
     */
    ContextFeatures(Map<String, float[]> embeddings, int width) {
        this.embeddings = embeddings;
        this.width = width;
    }

    /**
     * @param design how the row is put together
     * @param turn the turn
     * @param history the turn's split, for the designs that look further back than its context
     * @return the row, {@code design.blocks() * width} wide
     */
    float[] row(ContextDesign design, DialogueTurn turn, DialogueHistory history) {
        float[] row = new float[design.blocks() * width];
        put(row, 0, embedding(turn.text()));
        if (design.blocks() > 1) {
            put(row, 1, turn.previous(Speaker.SYSTEM).map(this::embedding).orElse(null));
        }
        if (design.blocks() > 2) {
            put(row, 2, turn.previous(Speaker.USER).map(this::embedding).orElse(null));
        }
        if (design == ContextDesign.TURN_SYSTEM_USER_HISTORY) {
            put(row, 3, mean(history.earlierUserTexts(turn)).orElse(null));
        }
        return row;
    }

    private Optional<float[]> mean(List<String> texts) {
        if (texts.isEmpty()) {
            return Optional.empty();
        }
        float[] sum = new float[width];
        for (String text : texts) {
            float[] x = embedding(text);
            for (int i = 0; i < width; i++) {
                sum[i] += x[i];
            }
        }
        for (int i = 0; i < width; i++) {
            sum[i] /= texts.size();
        }
        return Optional.of(sum);
    }

    private void put(float[] row, int block, float[] x) {
        if (x != null) {
            System.arraycopy(x, 0, row, block * width, width);
        }
    }

    private float[] embedding(String text) {
        float[] x = embeddings.get(text);
        if (x == null) {
            throw new IllegalArgumentException("no embedding for a text of " + text.length() + " characters");
        }
        return x;
    }
}
