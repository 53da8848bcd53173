package dev.sift.gateway.dashboard;

import dev.sift.classifier.ModelInfo;
import dev.sift.gateway.release.LiveModel;
import dev.sift.http.auth.Access;
import io.micronaut.http.HttpResponse;
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

/**
 * The ops dashboard: a page ({@code /dashboard}) and its live data ({@code /dashboard/stats}); the page reads
 * policies and what-if predictions from the policy and what-if APIs. Both need the read credential: a browser asks
 * for it (HTTP Basic, with the read or the ops token as password) and sends it with the page's own requests.
 */
@Controller("/dashboard")
public class DashboardController {

    private final LiveStats stats;
    private final LiveModel model;
    private final String page;

    /**
     * @param stats the last minute's statistics
     * @param model the live model
     */
    public DashboardController(LiveStats stats, LiveModel model) {
        this.stats = stats;
        this.model = model;
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
}
