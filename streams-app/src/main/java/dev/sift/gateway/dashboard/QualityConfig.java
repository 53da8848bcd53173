package dev.sift.gateway.dashboard;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * {@code sift.dashboard.quality.*}: where the dashboard reads what the filter misses. model-ops estimates the fleet's
 * recall and precision from the teacher's labels ({@code GET /quality}, read credential); the gateway fetches it for
 * the page, so the browser needs no second credential and model-ops no cross-origin access.
 *
 * @param url model-ops' base URL, e.g. {@code http://model-ops:8081}; empty: the dashboard shows no estimate
 * @param token model-ops' read token (or its ops token)
 * @param timeout longest wait for an answer
 * @param cacheFor how long one answer is shown before model-ops is asked again (it changes once per collection)
 * @param maxBytes largest answer accepted
 */
@ConfigurationProperties("sift.dashboard.quality")
public record QualityConfig(@Bindable(defaultValue = "") String url, @Bindable(defaultValue = "") String token,
        @Bindable(defaultValue = "5s") Duration timeout, @Bindable(defaultValue = "30s") Duration cacheFor,
        @Bindable(defaultValue = "262144") int maxBytes) {

    /** Checks the settings. */
    public QualityConfig {
        if (!url.isBlank() && !url.startsWith("http://") && !url.startsWith("https://")) {
            throw new IllegalArgumentException("sift.dashboard.quality.url must be an http(s) URL, was " + url);
        }
        if (timeout.isNegative() || timeout.isZero() || cacheFor.isNegative() || maxBytes < 1) {
            throw new IllegalArgumentException("sift.dashboard.quality: timeout and max-bytes must be positive");
        }
    }

    /** @return whether a model-ops URL is set */
    public boolean enabled() {
        return !url.isBlank();
    }
}
