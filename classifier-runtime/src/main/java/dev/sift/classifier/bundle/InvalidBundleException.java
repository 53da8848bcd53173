package dev.sift.classifier.bundle;

/**
 * A model bundle that must not be used: missing or corrupt files, a hash or signature that does not match, a
 * manifest that contradicts the graph. The message names what is wrong.
 */
public class InvalidBundleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file or field
     */
    public InvalidBundleException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file or field
     * @param cause the underlying failure
     */
    public InvalidBundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
