package dev.sift.modelops.vocab;

/**
 * A {@code tokenizer.json} that vocabulary pruning cannot take: not JSON, not a WordPiece tokenizer, ids out of range
 * or repeated, special tokens missing. The message names the file and what is wrong with it.
 */
public final class InvalidTokenizerException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file
     */
    public InvalidTokenizerException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file
     * @param cause the parser's exception
     */
    public InvalidTokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
