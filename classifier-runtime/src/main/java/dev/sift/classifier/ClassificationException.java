package dev.sift.classifier;

/** Inference failed for a batch of snippets. */
public class ClassificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the underlying failure
     */
    public ClassificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
