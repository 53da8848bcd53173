package dev.sift.modelops.vocab;

import java.util.Arrays;

/**
 * The tokens a pruned vocabulary keeps, as ids of the original vocabulary in ascending order. A kept token's new id
 * is its rank among them, so the tokens keep their relative order ({@code [PAD]} stays 0 when it was 0).
 */
public final class KeptTokens {

    private final int originalSize;
    private final int[] oldIds;

    /**
     * @param originalSize tokens in the original vocabulary
     * @param oldIds the kept ids of the original vocabulary, strictly ascending, each in {@code [0, originalSize)}
     * @throws IllegalArgumentException when the ids are not strictly ascending or out of range
     */
    public KeptTokens(int originalSize, int[] oldIds) {
        if (oldIds.length == 0) {
            throw new IllegalArgumentException("a pruned vocabulary must keep at least one token");
        }
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] < 0 || oldIds[i] >= originalSize) {
                throw new IllegalArgumentException("kept id " + oldIds[i] + " is outside the vocabulary of "
                        + originalSize + " tokens");
            }
            if (i > 0 && oldIds[i] <= oldIds[i - 1]) {
                throw new IllegalArgumentException("kept ids must be strictly ascending: " + oldIds[i - 1]
                        + " then " + oldIds[i]);
            }
        }
        this.originalSize = originalSize;
        this.oldIds = oldIds.clone();
    }

    /** @return tokens in the original vocabulary */
    public int originalSize() {
        return originalSize;
    }

    /** @return tokens kept: the new vocabulary's size */
    public int size() {
        return oldIds.length;
    }

    /**
     * @param oldId an id of the original vocabulary
     * @return its id in the pruned vocabulary, or -1 when the token was dropped
     */
    public int newId(int oldId) {
        int at = Arrays.binarySearch(oldIds, oldId);
        return at >= 0 ? at : -1;
    }

    /**
     * @param newId an id of the pruned vocabulary
     * @return the id the same token had in the original vocabulary
     */
    public int oldId(int newId) {
        return oldIds[newId];
    }

    /** @return the kept ids of the original vocabulary, ascending (a copy) */
    public int[] oldIds() {
        return oldIds.clone();
    }
}
