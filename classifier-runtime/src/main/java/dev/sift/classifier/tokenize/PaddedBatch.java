package dev.sift.classifier.tokenize;

import java.util.List;

/**
 * Tokenized texts padded to the longest of them (not to a fixed length): the encoder inputs of one run, as flat
 * row-major arrays of shape {@code [size, length]}.
 *
 * @param size number of texts
 * @param length padded sequence length
 * @param inputIds token ids, pad id 0
 * @param attentionMask 1 for real tokens, 0 for padding
 * @param tokenTypeIds token type ids
 */
public record PaddedBatch(int size, int length, long[] inputIds, long[] attentionMask, long[] tokenTypeIds) {

    /**
     * Pads texts to the longest one.
     *
     * @param texts tokenized texts, at least one
     * @return the batch
     */
    public static PaddedBatch of(List<TokenizedText> texts) {
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one text");
        }
        int length = texts.stream().mapToInt(TokenizedText::length).max().orElseThrow();
        int size = texts.size();
        long[] ids = new long[size * length];
        long[] mask = new long[size * length];
        long[] types = new long[size * length];
        for (int row = 0; row < size; row++) {
            TokenizedText text = texts.get(row);
            int offset = row * length;
            System.arraycopy(text.ids(), 0, ids, offset, text.length());
            System.arraycopy(text.typeIds(), 0, types, offset, text.length());
            java.util.Arrays.fill(mask, offset, offset + text.length(), 1L);
        }
        return new PaddedBatch(size, length, ids, mask, types);
    }

    /** @return the tensor shape {@code [size, length]} */
    public long[] shape() {
        return new long[] {size, length};
    }
}
