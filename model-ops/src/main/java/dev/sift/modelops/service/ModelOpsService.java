package dev.sift.modelops.service;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/**
 * model-ops as a long-running service: scheduled and on-demand re-optimization, publishing signed releases, and the
 * bundle store over HTTP. Its beans live in the {@value #ENVIRONMENT} environment only, so applications that merely
 * use model-ops as a library (the demo, tests) never start them.
 */
public final class ModelOpsService {

    /** The Micronaut environment of the service (configuration: {@code application-model-ops.yml}). */
    public static final String ENVIRONMENT = "model-ops";

    private ModelOpsService() {
    }

    /**
     * Starts the service.
     *
     * @param args command line
     * @return the running context
     */
    public static ApplicationContext start(String... args) {
        return Micronaut.build(args).environments(ENVIRONMENT).deduceEnvironment(false).banner(false)
                .mainClass(ModelOpsService.class).start();
    }

    /**
     * Starts the service with configuration overrides (tests, embedding).
     *
     * @param properties overrides on top of {@code application-model-ops.yml}
     * @return the running context
     */
    public static ApplicationContext start(java.util.Map<String, Object> properties) {
        return Micronaut.build(new String[0]).environments(ENVIRONMENT).deduceEnvironment(false).banner(false)
                .properties(properties).mainClass(ModelOpsService.class).start();
    }
}
