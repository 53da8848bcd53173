package dev.sift.modelops.service;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Runs the re-optimization periodically ({@code sift.model-ops.interval}, default every 6 hours). */
@Singleton
@Requires(env = ModelOpsService.ENVIRONMENT)
@Requires(property = "sift.model-ops.schedule.enabled", notEquals = "false")
public class ReoptimizationSchedule {

    private final ReoptimizationJob job;

    /**
     * @param job the job
     */
    public ReoptimizationSchedule(ReoptimizationJob job) {
        this.job = job;
    }

    /** One scheduled run. */
    @Scheduled(fixedDelay = "${sift.model-ops.interval:6h}", initialDelay = "${sift.model-ops.initial-delay:5m}")
    public void run() {
        job.runOnce("schedule");
    }
}
