package dev.sift.modelops.service;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * A run as the HTTP API shows it: its id, state and a short reason, never a local path or an exception's text (those
 * are in the service's log under the run id). The reason of a finished run that did not fail is the job's own
 * sentence, made of versions, figures and topic names.
 *
 * @param id run id
 * @param trigger {@code schedule}, {@code http} or {@code cli}
 * @param started when it started
 * @param finished when it finished, or null while running
 * @param state RUNNING, PUBLISHED, NOT_PUBLISHED or FAILED
 * @param reason what happened, in a short sentence
 * @param version the chosen (and possibly published) bundle version, or null
 * @param metrics the chosen candidate's figures
 */
@Serdeable
public record RunView(String id, String trigger, Instant started, Instant finished, String state, String reason,
        String version, Map<String, Double> metrics) {

    /**
     * @param run a run's full status
     * @return what the API shows of it
     */
    public static RunView of(RunStatus run) {
        String reason = RunStatus.FAILED.equals(run.state())
                ? "run " + run.id() + " failed; its cause is in the model-ops log under that run id"
                : run.detail();
        return new RunView(run.id(), run.trigger(), run.started(), run.finished(), run.state(), reason,
                run.version(), run.metrics());
    }
}
