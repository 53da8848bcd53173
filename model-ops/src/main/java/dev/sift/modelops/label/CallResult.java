package dev.sift.modelops.label;

import java.util.Locale;

/** How one call to the chat-completions API ended; a tag of the calls meter. */
public enum CallResult {
    /** A valid answer. */
    OK(false),
    /** An answer that is not valid labels. */
    INVALID_ANSWER(true),
    /** 429. */
    RATE_LIMITED(true),
    /** 5xx, 408 and the like. */
    SERVER_ERROR(true),
    /** No complete answer in time. */
    TIMEOUT(true),
    /** The connection failed or closed mid-answer. */
    CONNECTION(true),
    /** The API refused this request (other 4xx, content filter, refusal). */
    REFUSED(false),
    /** The API refused the labeler itself (401, 403, 404, redirects). */
    MISCONFIGURED(false);

    private final boolean retryable;

    CallResult(boolean retryable) {
        this.retryable = retryable;
    }

    /** @return whether another attempt may succeed */
    public boolean retryable() {
        return retryable;
    }

    /** @return the tag value, e.g. {@code rate_limited} */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
