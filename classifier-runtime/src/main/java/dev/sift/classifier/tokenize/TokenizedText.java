package dev.sift.classifier.tokenize;

/**
 * One snippet as the encoder sees it: WordPiece ids with {@code [CLS]} and {@code [SEP]}, never padded.
 *
 * @param ids token ids, at most the tokenizer's max tokens
 * @param typeIds token type ids (all 0 for a single sentence)
 * @param tokenCount tokens of the whole text; exact unless truncated, then an estimate
 * @param truncated whether the text was longer than the max tokens
 */
public record TokenizedText(long[] ids, long[] typeIds, int tokenCount, boolean truncated) {

    /** @return the number of ids fed to the encoder */
    public int length() {
        return ids.length;
    }
}
