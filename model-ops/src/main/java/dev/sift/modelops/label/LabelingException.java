package dev.sift.modelops.label;

/** A request that could not be labeled, with the kind of failure and a message fit for a dead-letter header. */
public class LabelingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final FailureKind kind;
    private final int attempts;

    /**
     * @param kind why
     * @param message what happened, for people (never a secret)
     * @param attempts how many calls to the teacher were made
     * @param cause the underlying error, if any
     */
    public LabelingException(FailureKind kind, String message, int attempts, Throwable cause) {
        super(kind + ": " + message, cause);
        this.kind = kind;
        this.attempts = attempts;
    }

    /**
     * @param kind why
     * @param message what happened
     */
    public LabelingException(FailureKind kind, String message) {
        this(kind, message, 0, null);
    }

    /** @return the kind of failure */
    public FailureKind kind() {
        return kind;
    }

    /** @return calls made to the teacher before giving up */
    public int attempts() {
        return attempts;
    }
}
