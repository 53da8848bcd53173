package dev.sift.modelops.learning;

import java.util.Optional;

/**
 * A record read from a topic after validation: the value, or why it was refused.
 *
 * @param value the validated value, or null when refused
 * @param refusal why it was refused, or null when accepted
 * @param detail what was wrong, for the log
 * @param <T> the value's type
 */
public record Checked<T>(T value, RefusalReason refusal, String detail) {

    /**
     * @param value a valid value
     * @param <T> its type
     * @return it, accepted
     */
    public static <T> Checked<T> accepted(T value) {
        return new Checked<>(value, null, "");
    }

    /**
     * @param reason why
     * @param detail what was wrong
     * @param <T> the value type
     * @return a refusal
     */
    public static <T> Checked<T> refused(RefusalReason reason, String detail) {
        return new Checked<>(null, reason, detail);
    }

    /** @return the value, when accepted */
    public Optional<T> accepted() {
        return Optional.ofNullable(value);
    }
}
