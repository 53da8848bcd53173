package dev.sift.modelops.service;

import dev.sift.http.auth.Access;
import dev.sift.modelops.publish.ModelStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * The service's HTTP API: trigger a run (ops credential: a run takes the CPU for minutes), read the last run (read
 * credential), and download bundle archives (open: what release URIs point at when {@code sift.model-ops.public-url}
 * is set; gateways verify each archive's SHA-256 and Ed25519 signature, and an archive holds nothing secret: the
 * public encoder, the heads, fixed canary texts and the manifest's figures).
 */
@Controller
@Requires(env = ModelOpsService.ENVIRONMENT)
public class ModelOpsController {

    private final ReoptimizationJob job;
    private final ModelStore store;
    private final ExecutorService executor;

    /**
     * @param job the re-optimization job
     * @param config service settings
     * @param executor where triggered runs execute
     */
    public ModelOpsController(ReoptimizationJob job, ServiceConfig config,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.job = job;
        this.store = new ModelStore(Path.of(config.getStore()));
        this.executor = executor;
    }

    /**
     * Starts a run now, in the background.
     *
     * @return 202 with the run started, or 409 while one is running
     */
    @Secured(Access.OPS)
    @Post("/optimize")
    public HttpResponse<RunView> optimize() {
        if (job.running()) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(job.last().map(RunView::of).orElse(null));
        }
        executor.submit(() -> job.runOnce("http"));
        return HttpResponse.accepted();
    }

    /** @return the last run's id, state and reason, or 404 */
    @Secured(Access.READ)
    @Get("/runs/last")
    public HttpResponse<RunView> lastRun() {
        return job.last().map(RunView::of).map(HttpResponse::ok).orElse(HttpResponse.notFound());
    }

    /**
     * @param file an archive name
     * @return the archive, or 404
     */
    @Secured(Access.OPEN)
    @Get(value = "/bundles/{file}", produces = MediaType.APPLICATION_OCTET_STREAM)
    public HttpResponse<SystemFile> bundle(@PathVariable String file) {
        return store.find(file).map(p -> HttpResponse.ok(new SystemFile(p.toFile())))
                .orElse(HttpResponse.notFound());
    }
}
