package dev.sift.gateway.whatif;

import dev.sift.gateway.policy.PolicyValidator;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Optional;

/**
 * {@code sift.what-if.*}: how much of the heap what-if questions may take. Each question holds the decisions it
 * replays in memory while its answer is computed (about 2.6 KB per decision that scores 14 intents), so a question
 * may ask for at most {@code max-window} decisions, and at most {@code max-concurrent} questions are answered at once
 * (a gateway runs on a 128 MB heap: one question at the largest window takes about 26 MB).
 *
 * @param defaultWindow decisions replayed when a question names none (default 5000)
 * @param maxWindow the most a question may ask for (default 10000)
 * @param maxConcurrent questions answered at once; more are asked to retry (default 1)
 */
@ConfigurationProperties("sift.what-if")
public record WhatIfLimits(@Bindable(defaultValue = "5000") int defaultWindow,
        @Bindable(defaultValue = "10000") int maxWindow, @Bindable(defaultValue = "1") int maxConcurrent) {

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
