package dev.sift.gateway.dashboard;

import dev.sift.classifier.ModelInfo;
import dev.sift.gateway.release.LiveModel;
import dev.sift.http.auth.Access;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The ops dashboard: a page ({@code /dashboard}), its live data ({@code /dashboard/stats}) and model-ops' estimate of
 * what the filter misses ({@code /dashboard/quality}); the page reads policies and what-if predictions from the
 * policy and what-if APIs. Both need the read credential: a browser asks
 * for it (HTTP Basic, with the read or the ops token as password) and sends it with the page's own requests.
 */
@Controller("/dashboard")
public class DashboardController {

    private final LiveStats stats;
    private final LiveModel model;
    private final QualitySource quality;
    private final String page;

    /**
     * @param stats the last minute's statistics
     * @param model the live model
     * @param quality model-ops' estimate of what the filter misses
     */
    public DashboardController(LiveStats stats, LiveModel model, QualitySource quality) {
        this.stats = stats;
        this.model = model;
        this.quality = quality;
        try (InputStream in = DashboardController.class.getResourceAsStream("/dashboard/index.html")) {
            this.page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new UncheckedIOException(new IOException("dashboard page missing from the jar", e));
        }
    }

    /**
     * Live figures and the model serving.
     *
     * @param stats last minute
     * @param modelVersion live model version
     * @param precision its precision
     * @param intents its intents
     */
    @Serdeable
    public record Stats(LiveStats.Snapshot stats, String modelVersion, String precision, List<String> intents) {
    }

    /** @return the page */
    @Secured(Access.READ)
    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE);
    }

    /** @return the live figures */
    @Secured(Access.READ)
    @Get("/stats")
    public Stats stats() {
        ModelInfo info = model.info();
        return new Stats(stats.snapshot(), info.version(), info.precision(), info.intents());
    }

    /**
     * What the filter misses, as model-ops estimates it from the teacher's labels ({@code sift.dashboard.quality.*}).
     *
     * @return 200 with model-ops' estimate, 404 when no model-ops URL is configured, 502 with the reason when it
     *     cannot be had
     * @throws InterruptedException when interrupted while waiting for model-ops
     */
    @Secured(Access.READ)
    @Get("/quality")
    public HttpResponse<?> quality() throws InterruptedException {
        if (!quality.configured()) {
            return HttpResponse.notFound(Map.of("message", "no model-ops URL is configured"
                    + " (sift.dashboard.quality.url)"));
        }
        try {
            return HttpResponse.ok(quality.quality());
        } catch (QualitySource.QualityUnavailableException e) {
            return HttpResponse.status(HttpStatus.BAD_GATEWAY).body(Map.of("message", e.getMessage()));
        }
    }
}
