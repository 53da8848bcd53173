package dev.sift.modelops.label;

import java.time.Duration;
import java.util.Optional;

/** One call to the chat-completions API that did not give valid labels, and whether to try again. */
final class CallFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final CallResult result;
    private final transient Duration retryAfter;
    private final transient Usage usage;

    /**
     * @param result how the call ended
     * @param message what happened (redacted: never the API key)
     * @param retryAfter how long the server asked to wait, or null
     * @param usage tokens the call still cost
     * @param cause underlying error, or null
     */
    CallFailure(CallResult result, String message, Duration retryAfter, Usage usage, Throwable cause) {
        super(message, cause);
        this.result = result;
        this.retryAfter = retryAfter;
        this.usage = usage;
    }

    CallFailure(CallResult result, String message, Usage usage) {
        this(result, message, null, usage, null);
    }

    CallFailure(CallResult result, String message) {
        this(result, message, null, Usage.NONE, null);
    }

    Usage usage() {
        return usage;
    }

    CallResult result() {
        return result;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
