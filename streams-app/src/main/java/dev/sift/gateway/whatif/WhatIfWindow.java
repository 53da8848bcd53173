package dev.sift.gateway.whatif;

import dev.sift.gateway.ops.PolicyValidator;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Optional;

/**
 * {@code sift.what-if.*}: how many recent decisions a what-if question replays. Each one is held in memory while the
 * answer is computed, so a caller may choose up to {@code max-window} and no more (a gateway runs on a small heap).
 *
 * @param defaultWindow decisions replayed when a question names none (default 5000)
 * @param maxWindow the most a question may ask for (default 10000)
 */
@ConfigurationProperties("sift.what-if")
public record WhatIfWindow(@Bindable(defaultValue = "5000") int defaultWindow,
        @Bindable(defaultValue = "10000") int maxWindow) {

    /**
     * @param asked the window a question asks for, or null
     * @return the error to answer with 400, if it is out of bounds
     */
    public Optional<PolicyValidator.FieldError> check(@Nullable Integer asked) {
        if (asked == null || asked >= 1 && asked <= maxWindow) {
            return Optional.empty();
        }
        return Optional.of(new PolicyValidator.FieldError("window", "must be between 1 and " + maxWindow
                + " recent decisions (sift.what-if.max-window), got " + asked));
    }

    /**
     * @param asked a window within bounds, or null
     * @return the window to replay
     */
    public int of(@Nullable Integer asked) {
        return asked == null ? Math.min(defaultWindow, maxWindow) : asked;
    }
}
