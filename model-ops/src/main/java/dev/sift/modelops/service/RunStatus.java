package dev.sift.modelops.service;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * The state of one re-optimization run.
 *
 * @param id run id
 * @param trigger {@code schedule}, {@code http} or {@code cli}
 * @param started when it started
 * @param finished when it finished, or null while running
 * @param state RUNNING, PUBLISHED, NOT_PUBLISHED or FAILED
 * @param detail what happened, in a sentence
 * @param version the chosen (and possibly published) bundle version, or null
 * @param metrics the chosen candidate's figures
 */
@Serdeable
public record RunStatus(String id, String trigger, Instant started, Instant finished, String state, String detail,
        String version, Map<String, Double> metrics) {

    /** States of a run. */
    public static final String RUNNING = "RUNNING";
    /** A release was published. */
    public static final String PUBLISHED = "PUBLISHED";
    /** The run finished without publishing (nothing passed the gate, or nothing better than live). */
    public static final String NOT_PUBLISHED = "NOT_PUBLISHED";
    /** The run failed. */
    public static final String FAILED = "FAILED";

    /**
     * @param state final state
     * @param detail what happened
     * @param version chosen version
     * @param metrics chosen figures
     * @return the finished status
     */
    public RunStatus finish(String state, String detail, String version, Map<String, Double> metrics) {
        return new RunStatus(id, trigger, started, Instant.now(), state, detail, version, metrics);
    }
}
