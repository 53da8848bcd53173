package dev.sift.modelops.service;

import dev.sift.modelops.publish.ModelStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.types.files.SystemFile;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;

/**
 * The service's HTTP API: trigger a run, read the last run, and download bundle archives (what release URIs point
 * at when {@code sift.model-ops.public-url} is set).
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
    @Post("/optimize")
    public HttpResponse<RunStatus> optimize() {
        if (job.running()) {
            return HttpResponse.status(io.micronaut.http.HttpStatus.CONFLICT).body(job.last().orElse(null));
        }
        executor.submit(() -> job.runOnce("http"));
        return HttpResponse.accepted();
    }

    /** @return the last run's status, or 404 */
    @Get("/runs/last")
    public HttpResponse<RunStatus> lastRun() {
        return job.last().map(HttpResponse::ok).orElse(HttpResponse.notFound());
    }

    /**
     * @param file an archive name
     * @return the archive, or 404
     */
    @Get(value = "/bundles/{file}", produces = MediaType.APPLICATION_OCTET_STREAM)
    public HttpResponse<SystemFile> bundle(@PathVariable String file) {
        return store.find(file).map(p -> HttpResponse.ok(new SystemFile(p.toFile())))
                .orElse(HttpResponse.notFound());
    }
}
