package dev.sift.gateway.release;

/** A release the gateway will not take live; the message says why. */
public class ReleaseRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    /**
     * @param reason a short reason code: unreachable, bad-hash, unsigned, untrusted-key, bad-signature, corrupt,
     *     canary-mismatch, incompatible-labels, shadow-disagreement
     * @param message what is wrong
     */
    public ReleaseRejectedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * @param reason a short reason code
     * @param message what is wrong
     * @param cause the underlying failure
     */
    public ReleaseRejectedException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return the reason code, also the metric tag */
    public String reason() {
        return reason;
    }
}
