package dev.sift.modelops.train;

import java.util.List;
import java.util.Set;

/**
 * Embedded training examples: one feature row per example with its labels.
 *
 * @param x sentence embeddings {@code [example][width]}
 * @param intents each example's intents
 * @param polarities each example's polarity (may hold nulls when only intents are labeled)
 */
public record Examples(float[][] x, List<Set<String>> intents, List<String> polarities) {

    /** @return number of examples */
    public int size() {
        return x.length;
    }

    /** @return embedding width */
    public int width() {
        return x.length == 0 ? 0 : x[0].length;
    }

    /**
     * The examples whose polarity is known.
     *
     * @return a subset (possibly this)
     */
    public Examples withPolarity() {
        if (polarities.stream().allMatch(p -> p != null)) {
            return this;
        }
        List<Integer> keep = java.util.stream.IntStream.range(0, x.length).filter(i -> polarities.get(i) != null)
                .boxed().toList();
        return new Examples(keep.stream().map(i -> x[i]).toArray(float[][]::new),
                keep.stream().map(intents::get).toList(), keep.stream().map(polarities::get).toList());
    }
}
