package dev.sift.modelops.context;

import dev.sift.classifier.context.ContextSlot;
import dev.sift.classifier.context.SpokenTurn;
import dev.sift.classifier.context.ThreadMemory;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.encoder.FeatureExtractor;
import dev.sift.modelops.train.Examples;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Feature rows of turns with their context: [the turn's embedding; {@code ThreadMemory.features(slots)} of its
 * earlier turns folded in order], from embeddings of every text computed once (each turn, earlier or not, is embedded
 * alone, as a gateway embeds a turn when it passes).
 */
public final class TurnFeatures {

    private final Map<String, float[]> embeddings;
    private final int width;

    /**
     * @param embeddings the embedding of every text a turn or its context holds
     * @param width the embedding width
     */
    public TurnFeatures(Map<String, float[]> embeddings, int width) {
        this.embeddings = embeddings;
        this.width = width;
    }

    /**
     * Embeds every distinct text of the snippets and of their context, through the feature cache.
     *
     * @param extractor the encoder's features
     * @param splits the snippets, split by split
     * @param progress progress reporting
     * @param label what is embedded, for progress
     * @return the features
     */
    public static TurnFeatures embed(FeatureExtractor extractor, List<List<LabeledSnippet>> splits, Progress progress,
            String label) {
        Set<String> distinct = new LinkedHashSet<>();
        for (List<LabeledSnippet> split : splits) {
            for (LabeledSnippet snippet : split) {
                distinct.add(snippet.text());
                snippet.context().forEach(turn -> distinct.add(turn.text()));
            }
        }
        List<String> texts = new ArrayList<>(distinct);
        float[][] x = extractor.embed(texts, progress, label);
        Map<String, float[]> embeddings = new HashMap<>(texts.size() * 2);
        for (int i = 0; i < texts.size(); i++) {
            embeddings.put(texts.get(i), x[i]);
        }
        return new TurnFeatures(embeddings, extractor.width());
    }

    /** @return the embedding width */
    public int width() {
        return width;
    }

    /**
     * @param context earlier turns, oldest first
     * @return the thread's memory after them
     */
    public ThreadMemory memory(List<SpokenTurn> context) {
        ThreadMemory memory = ThreadMemory.empty(width);
        for (SpokenTurn turn : context) {
            memory = memory.after(turn.role(), embedding(turn.text()));
        }
        return memory;
    }

    /**
     * @param text the turn
     * @param context its earlier turns, oldest first
     * @param slots the context slots to append, in order (none: the turn alone)
     * @return {@code (1 + slots.size()) * width} features
     */
    public float[] row(String text, List<SpokenTurn> context, List<ContextSlot> slots) {
        float[] turn = embedding(text);
        if (slots.isEmpty()) {
            return turn.clone();
        }
        float[] memory = memory(context).features(slots);
        float[] row = new float[turn.length + memory.length];
        System.arraycopy(turn, 0, row, 0, turn.length);
        System.arraycopy(memory, 0, row, turn.length, memory.length);
        return row;
    }

    /**
     * @param snippets labeled turns with their context
     * @param slots the context slots to append (none: the turn alone)
     * @return their rows with their labels
     */
    public Examples examples(List<LabeledSnippet> snippets, List<ContextSlot> slots) {
        float[][] x = snippets.stream().map(s -> row(s.text(), s.context(), slots)).toArray(float[][]::new);
        return new Examples(x, snippets.stream().map(LabeledSnippet::intents).toList(),
                snippets.stream().map(LabeledSnippet::polarity).toList());
    }

    private float[] embedding(String text) {
        float[] x = embeddings.get(text);
        if (x == null) {
            throw new IllegalArgumentException("no embedding for a text of " + text.length() + " characters");
        }
        return x;
    }
}
