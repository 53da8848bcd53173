package dev.sift.gateway.topology;

/**
 * A decided snippet whose decision or LLM request would be larger than its output topic accepts. Its input is
 * dead-lettered with this reason instead of a send that would fail (and, with exactly-once processing, fail the
 * stream thread on the same snippet forever).
 */
public class OversizedOutputException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message which output, how large, and the limit
     */
    public OversizedOutputException(String message) {
        super(message);
    }
}
