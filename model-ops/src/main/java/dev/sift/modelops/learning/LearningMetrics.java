package dev.sift.modelops.learning;

import dev.sift.schema.LabelOrigin;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The learning loop's meters (Micrometer; {@code sift_learning_*} at {@code /prometheus} of {@code model-ops serve}):
 * labels joined by origin, records refused by reason, requests dropped unlabeled, teacher labels and their
 * disagreements with the model (counters), the disagreement rate and labels since the last run, what is pending
 * (gauges), and runs started by each trigger.
 */
public final class LearningMetrics {

    private final MeterRegistry registry;
    private final Map<LabelOrigin, Counter> joined = new EnumMap<>(LabelOrigin.class);
    private final Map<RefusalReason, Counter> refused = new EnumMap<>(RefusalReason.class);
    private final Counter requestsDropped;
    private final Counter teacherLabels;
    private final Counter disagreements;
    private final AtomicReference<SinceLastRun> sinceLastRun = new AtomicReference<>(SinceLastRun.NONE);
    private final AtomicLong pendingRequests = new AtomicLong();
    private final AtomicLong pendingLabels = new AtomicLong();

    /**
     * @param registry where the meters live
     */
    public LearningMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (LabelOrigin origin : LabelOrigin.values()) {
            joined.put(origin, Counter.builder("sift.learning.labels.joined")
                    .tag("origin", origin.name().toLowerCase(Locale.ROOT))
                    .description("Labels that made or changed an example of the feedback data set").register(registry));
        }
        for (RefusalReason reason : RefusalReason.values()) {
            refused.put(reason, Counter.builder("sift.learning.refused").tag("reason", reason.tag())
                    .description("Request and feedback records refused or dropped, by reason").register(registry));
        }
        this.requestsDropped = Counter.builder("sift.learning.requests.dropped")
                .description("Requests whose label did not arrive within pending-ttl or max-pending")
                .register(registry);
        this.teacherLabels = Counter.builder("sift.learning.teacher.labels")
                .description("Teacher (LLM) labels joined with their request").register(registry);
        this.disagreements = Counter.builder("sift.learning.teacher.disagreements")
                .description("Teacher labels that disagree with the intents the model matched").register(registry);
        Gauge.builder("sift.learning.disagreement.rate", sinceLastRun, s -> s.get().disagreementRate())
                .description("Share of the teacher labels since the last run that disagree with the model")
                .register(registry);
        Gauge.builder("sift.learning.labels.since.run", sinceLastRun, s -> s.get().newLabels())
                .description("Labels that made or changed an example since the last run began").register(registry);
        Gauge.builder("sift.learning.pending", pendingRequests, AtomicLong::get).tag("kind", "requests")
                .description("Requests waiting for their label").register(registry);
        Gauge.builder("sift.learning.pending", pendingLabels, AtomicLong::get).tag("kind", "labels")
                .description("Labels waiting for their request").register(registry);
    }

    /**
     * @param origin the origin of a label that made or changed an example
     */
    public void joined(LabelOrigin origin) {
        joined.get(origin).increment();
    }

    /**
     * @param reason why a record was refused or dropped
     */
    public void refused(RefusalReason reason) {
        refused.get(reason).increment();
    }

    /** One request dropped without a label. */
    public void requestDropped() {
        requestsDropped.increment();
    }

    /**
     * @param disagrees whether a teacher label disagrees with the model
     */
    public void teacherLabel(boolean disagrees) {
        teacherLabels.increment();
        if (disagrees) {
            disagreements.increment();
        }
    }

    /**
     * @param since what arrived since the last run began
     * @param requests requests waiting
     * @param labels labels waiting
     */
    public void progress(SinceLastRun since, int requests, int labels) {
        sinceLastRun.set(since);
        pendingRequests.set(requests);
        pendingLabels.set(labels);
    }

    /**
     * @param trigger what started a run ({@code drift}, {@code labels})
     */
    public void triggered(String trigger) {
        Counter.builder("sift.learning.runs.triggered").tag("trigger", trigger)
                .description("Retraining runs started by a trigger").register(registry).increment();
    }
}
