package dev.sift.modelops.learning;

import java.util.Locale;

/**
 * Why a record of the request or feedback topics did not become (part of) a training example. Platforms may write to
 * the feedback topic, so every way a record can be wrong or oversized has a reason, counted
 * ({@code sift_learning_refused_total{reason}}) and recorded in the data set's manifest.
 */
public enum RefusalReason {

    /** The value is not a record of the topic's schema (or is empty). */
    UNREADABLE,
    /** The snippet id is blank or longer than {@link RecordLimits#MAX_SNIPPET_ID_CHARS}. */
    INVALID_SNIPPET_ID,
    /** A label with more intents than {@code max-intents-per-label}. */
    TOO_MANY_INTENTS,
    /** An intent name that is not lower-case letters, digits and underscores of at most 64 characters. */
    INVALID_INTENT,
    /**
     * Confidences that cannot be soft targets: more than {@link RecordLimits#MAX_CONFIDENCES}, a value that is not a
     * finite number in [0, 1], a name that cannot be an intent's, or two names that are one intent.
     */
    INVALID_CONFIDENCE,
    /** A labeler name or brand longer than {@code max-label-chars}. */
    LABEL_TOO_LONG,
    /** A label time further in the future than {@code max-clock-skew}: it would win every conflict forever. */
    FUTURE_LABEL_TIME,
    /** A request without text: nothing to learn from. */
    NO_TEXT,
    /** A label whose request never arrived within {@code pending-ttl}. */
    UNKNOWN_REQUEST,
    /** A label dropped because {@code max-pending} labels were already waiting for their requests. */
    PENDING_LIMIT;

    /** @return the metric tag, e.g. {@code too_many_intents} */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
