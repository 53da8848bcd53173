package dev.sift.modelops.label;

/** Why a request could not be labeled; all but {@link #MISCONFIGURED} dead-letter the request. */
public enum FailureKind {

    /** The record on a request topic is not a readable {@code LlmRequest}. */
    UNREADABLE_REQUEST(true),
    /** The request decodes but cannot be labeled (no snippet id). */
    INVALID_REQUEST(true),
    /** The teacher's answers were not valid labels (malformed JSON, wrong types, missing fields), every attempt. */
    INVALID_ANSWER(true),
    /** The teacher kept failing (rate limited, server errors, timeouts, broken connections) through every retry. */
    TEACHER_UNAVAILABLE(true),
    /** The teacher refused this request (a 4xx other than authentication, a content filter, a refusal). */
    REFUSED(true),
    /**
     * The teacher cannot work at all (authentication refused, unknown model or URL): no request is to blame, so none is
     * dead-lettered; the batch is rolled back and the labeler stops until it is fixed.
     */
    MISCONFIGURED(false);

    private final boolean deadLetters;

    FailureKind(boolean deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** @return whether the request goes to the label dead-letter topic (otherwise the labeler stops) */
    public boolean deadLetters() {
        return deadLetters;
    }
}
