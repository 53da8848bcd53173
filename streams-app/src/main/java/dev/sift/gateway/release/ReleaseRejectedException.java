package dev.sift.gateway.release;

/**
 * A release the gateway will not take live: the reason says which check refused it, the message what was wrong.
 * Messages are shown on {@code GET /model}: they never carry local file contents, hashes of what was fetched, or
 * details of what a store location answered beyond its HTTP status.
 */
public class ReleaseRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    /**
     * @param reason which check refused it
     * @param message what is wrong
     */
    public ReleaseRejectedException(RejectionReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @param reason which check refused it
     * @param message what is wrong
     * @param cause the underlying failure (logged, not shown)
     */
    public ReleaseRejectedException(RejectionReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return which check refused it */
    public RejectionReason reason() {
        return reason;
    }
}
