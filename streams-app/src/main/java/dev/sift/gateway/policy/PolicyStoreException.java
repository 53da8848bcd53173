package dev.sift.gateway.policy;

/**
 * A policy change Kafka did not take (its principal was refused, the cluster was unreachable, the writer was fenced):
 * nothing of the change was stored, and the caller may try again.
 */
public class PolicyStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, for the caller
     * @param cause the Kafka error, or null
     */
    public PolicyStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
