package dev.sift.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

/**
 * Fetches model-ops' estimate of what the filter misses ({@code GET /quality}) for the dashboard, from the one URL ops
 * configured (never one a request names), without following redirects, bounded in time and size, and checked to be a
 * JSON list before the page sees it. One answer is kept for {@code cache-for}, so pages polling every few seconds ask
 * model-ops once.
 */
@Singleton
public class QualitySource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final QualityConfig config;
    private final Clock clock;
    private final HttpClient http;
    private Answer cached;

    /** What model-ops answered, and when. */
    private record Answer(JsonNode body, Instant at) {
    }

    /**
     * @param config where and how to ask
     * @param clock the wall clock
     */
    public QualitySource(QualityConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** @return whether a model-ops URL is configured */
    public boolean configured() {
        return config.enabled();
    }

    /**
     * @return model-ops' estimate: per tenant (the fleet first), precision and recall per intent with intervals
     * @throws QualityUnavailableException when model-ops cannot be asked or answers something else
     * @throws InterruptedException when interrupted while waiting
     */
    public synchronized JsonNode quality() throws QualityUnavailableException, InterruptedException {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.at().plus(config.cacheFor()))) {
            return cached.body();
        }
        String base = config.url().endsWith("/") ? config.url() : config.url() + "/";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "quality")).timeout(config.timeout())
                .header("Accept", "application/json").GET();
        if (!config.token().isBlank()) {
            request.header("Authorization", "Bearer " + config.token());
        }
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new QualityUnavailableException("model-ops answered HTTP " + response.statusCode());
                }
                byte[] body = in.readNBytes(config.maxBytes() + 1);
                if (body.length > config.maxBytes()) {
                    throw new QualityUnavailableException("model-ops' answer is larger than " + config.maxBytes()
                            + " bytes");
                }
                JsonNode parsed = JSON.readTree(body);
                if (parsed == null || !parsed.isArray()) {
                    throw new QualityUnavailableException("model-ops' answer is not a list of estimates");
                }
                cached = new Answer(parsed, now);
                return parsed;
            }
        } catch (IOException e) {
            throw new QualityUnavailableException("model-ops cannot be asked: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** model-ops' estimate cannot be had; the message says why, without the token. */
    public static final class QualityUnavailableException extends Exception {

        private static final long serialVersionUID = 1L;

        /**
         * @param message why
         */
        public QualityUnavailableException(String message) {
            super(message);
        }
    }
}
