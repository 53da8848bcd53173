package dev.sift.modelops.learning;

import dev.sift.schema.LabelOrigin;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the feedback data set from the stream: reads the forwarded and audit requests and the feedback from where it
 * stopped last time up to the topics' current end, validates each record, joins labels with texts
 * ({@link LabelJoin}), keeps its state in the store so that nothing joined or waiting is lost when requests expire
 * from their topics or model-ops restarts, and writes a new data set version on demand. Thread-safe: the triggers and
 * the run share one collector, one call at a time.
 */
public final class LabelCollector {

    private static final Logger LOG = LoggerFactory.getLogger(LabelCollector.class);

    /**
     * What a collector works with.
     *
     * @param kafka Kafka client settings
     * @param topics the request and feedback topics
     * @param store where data sets and the state live
     * @param limits bounds on each record
     * @param joinLimits bounds on what waits for its other half
     * @param readTimeout longest time one topic's read may take
     * @param metrics where it counts
     * @param clock the time
     */
    public record Parts(Map<String, Object> kafka, Topics topics, DatasetStore store, RecordLimits limits,
            LabelJoin.Limits joinLimits, Duration readTimeout, LearningMetrics metrics, Clock clock) {
    }

    /**
     * How a data set version is cut.
     *
     * @param heldOutShare share of the newest examples held out
     * @param maxExamples most examples kept
     * @param keepVersions versions kept in the store
     */
    public record Versioning(double heldOutShare, int maxExamples, int keepVersions) {
    }

    /**
     * One read of the topics.
     *
     * @param records records read
     * @param joined labels that made or changed an example
     * @param refused records refused, by reason
     */
    public record Collected(long records, long joined, Map<RefusalReason, Long> refused) {
    }

    private final Parts parts;
    private final FeedbackValidator feedbackValidator;
    private final RequestValidator requestValidator;
    private final LabelJoin join;
    private boolean loaded;
    private String version;
    private Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
    private Map<String, Long> refusedSinceVersion = new TreeMap<>();
    private SinceLastRun since = SinceLastRun.NONE;
    private CollectorState.Retrained lastRetrained;
    private Collecting current;
    private boolean dirty;

    /**
     * @param parts what it works with
     */
    public LabelCollector(Parts parts) {
        this.parts = parts;
        this.feedbackValidator = new FeedbackValidator(parts.limits());
        this.requestValidator = new RequestValidator(parts.limits());
        this.join = new LabelJoin(parts.joinLimits(), new Events());
    }

    /**
     * Reads what arrived since the last read, up to the topics' current end, and keeps the state.
     *
     * @return what was read
     */
    public synchronized Collected collect() {
        ensureLoaded();
        current = new Collecting();
        try {
            Map<String, Map<Integer, Long>> before = copy(offsets);
            Instant now = parts.clock().instant();
            try (TopicRangeReader reader = new TopicRangeReader(parts.kafka(), parts.readTimeout())) {
                for (Topic<String, LlmRequest> topic : List.of(parts.topics().llmRequests(),
                        parts.topics().auditRequests())) {
                    read(reader, topic.name(), r -> request(topic, r, now));
                }
                Topic<String, SnippetFeedback> feedback = parts.topics().feedback();
                read(reader, feedback.name(), r -> label(feedback, r, now));
            }
            join.expire(now.toEpochMilli());
            if (dirty || !offsets.equals(before)) {
                persist();
            }
            Collected collected = new Collected(current.records, current.joined, Map.copyOf(current.refused));
            if (!collected.refused().isEmpty()) {
                LOG.warn("refused {} records of the request and feedback topics: {}; e.g. {}",
                        collected.refused().values().stream().mapToLong(Long::longValue).sum(), collected.refused(),
                        current.example);
            }
            return collected;
        } finally {
            current = null;
        }
    }

    /**
     * Writes the data set version of the examples kept now (or finds it, when nothing changed), and starts counting
     * for the triggers afresh: a run has begun.
     *
     * @param versioning how the version is cut
     * @return the version, or empty while no example exists
     */
    public synchronized Optional<DatasetVersion> snapshot(Versioning versioning) {
        ensureLoaded();
        since = SinceLastRun.NONE;
        int dropped = join.limitExamples(versioning.maxExamples());
        Optional<DatasetVersion> previous = Optional.ofNullable(version).flatMap(parts.store()::read);
        if (join.examples().isEmpty()) {
            persist();
            return Optional.empty();
        }
        if (previous.isPresent() && join.staged().isEmpty() && dropped == 0) {
            persist();
            return previous;
        }
        DatasetVersion built = DatasetVersion.build(new DatasetVersion.Inputs(join.examples(), previous,
                versioning.heldOutShare(), copy(offsets), Map.copyOf(refusedSinceVersion), dropped),
                parts.clock().instant());
        parts.store().write(built);
        version = built.version();
        join.markVersioned();
        refusedSinceVersion = new TreeMap<>();
        persist();
        List<String> pruned = parts.store().prune(versioning.keepVersions(), version);
        LOG.info("feedback data set {}: {} examples ({} held out){}", version, built.manifest().examples(),
                built.manifest().heldOut(), pruned.isEmpty() ? "" : "; pruned " + pruned);
        return parts.store().read(version);
    }

    /** @return what arrived since the last run began */
    public synchronized SinceLastRun sinceLastRun() {
        ensureLoaded();
        return since;
    }

    /** @return the last retraining judged, if any */
    public synchronized Optional<CollectorState.Retrained> lastRetrained() {
        ensureLoaded();
        return Optional.ofNullable(lastRetrained);
    }

    /**
     * Remembers a retraining's judgement, so that the same data is not judged again.
     *
     * @param retrained what was judged and how it ended
     */
    public synchronized void recordRetrained(CollectorState.Retrained retrained) {
        ensureLoaded();
        lastRetrained = retrained;
        persist();
    }

    private void read(TopicRangeReader reader, String topic,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        offsets.put(topic, reader.read(topic, offsets.getOrDefault(topic, Map.of()), r -> {
            current.records++;
            dirty = true;
            handler.accept(r);
        }));
    }

    private void request(Topic<String, LlmRequest> topic, ConsumerRecord<byte[], byte[]> record, Instant now) {
        LlmRequest request = decode(topic, record);
        if (request == null) {
            return;
        }
        Checked<RequestText> checked = requestValidator.check(request);
        checked.accepted().ifPresentOrElse(r -> join.offerRequest(r, now.toEpochMilli()),
                () -> refuse(checked.refusal(), record, checked.detail()));
    }

    private void label(Topic<String, SnippetFeedback> topic, ConsumerRecord<byte[], byte[]> record, Instant now) {
        SnippetFeedback feedback = decode(topic, record);
        if (feedback == null) {
            return;
        }
        Checked<SnippetLabel> checked = feedbackValidator.check(feedback, record.timestamp(), now);
        checked.accepted().ifPresentOrElse(l -> join.offerLabel(l, now.toEpochMilli()),
                () -> refuse(checked.refusal(), record, checked.detail()));
    }

    private <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            refuse(RefusalReason.UNREADABLE, record, "no value");
            return null;
        }
        try {
            return topic.valueSerde().deserializer().deserialize(topic.name(), record.value());
        } catch (RuntimeException e) {
            refuse(RefusalReason.UNREADABLE, record, e.getMessage());
            return null;
        }
    }

    private void refuse(RefusalReason reason, ConsumerRecord<byte[], byte[]> record, String detail) {
        if (current.example == null) {
            current.example = record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + reason + " ("
                    + detail + ")";
        }
        count(reason);
    }

    private void count(RefusalReason reason) {
        dirty = true;
        refusedSinceVersion.merge(reason.name(), 1L, Long::sum);
        parts.metrics().refused(reason);
        if (current != null) {
            current.refused.merge(reason, 1L, Long::sum);
        }
    }

    private void ensureLoaded() {
        if (loaded) {
            return;
        }
        Optional<CollectorState> state;
        try {
            state = parts.store().readState();
        } catch (UncheckedIOException e) {
            LOG.error("{}: moved to {}; starting again from the newest data set version", e.getMessage(),
                    parts.store().setStateAside());
            state = Optional.empty();
        }
        if (state.isPresent()) {
            CollectorState s = state.get();
            version = s.version();
            offsets = copy(s.offsets());
            refusedSinceVersion = new TreeMap<>(s.refused());
            since = s.sinceLastRun() == null ? SinceLastRun.NONE : s.sinceLastRun();
            lastRetrained = s.lastRetrained();
            if (version != null) {
                join.restoreExamples(parts.store().read(version).orElseThrow(() -> new IllegalStateException(
                        "the learning state names data set " + version + ", which is not in "
                        + parts.store().root())).examples());
            }
            join.restorePending(s.pendingRequests(), s.pendingLabels(),
                    s.staged().stream().map(l -> ExampleLines.parse(l).example()).toList());
        } else {
            // Without a state (first start, or it was lost), the newest version tells where to read from.
            parts.store().manifests().stream().findFirst().ifPresent(m -> {
                version = m.version();
                offsets = copy(m.offsets());
                join.restoreExamples(parts.store().read(version).orElseThrow().examples());
            });
        }
        loaded = true;
        publishProgress();
    }

    private void persist() {
        List<String> staged = new ArrayList<>();
        join.staged().forEach(e -> staged.add(ExampleLines.line(e, false)));
        parts.store().writeState(new CollectorState(CollectorState.FORMAT, version, copy(offsets),
                join.pendingRequests(), join.pendingLabels(), staged, Map.copyOf(refusedSinceVersion), since,
                lastRetrained));
        dirty = false;
        publishProgress();
    }

    private void publishProgress() {
        parts.metrics().progress(since, join.pendingRequests().size(), join.pendingLabels().size());
    }

    private static Map<String, Map<Integer, Long>> copy(Map<String, Map<Integer, Long>> offsets) {
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        offsets.forEach((topic, partitions) -> out.put(topic, new TreeMap<>(partitions)));
        return out;
    }

    /** Counts of the read in progress. */
    private static final class Collecting {
        private long records;
        private long joined;
        private final Map<RefusalReason, Long> refused = new LinkedHashMap<>();
        private String example;
    }

    /** The join's reports: counted for the triggers, the manifest and the meters. */
    private final class Events implements JoinEvents {

        @Override
        public void joined(LabeledExample example, boolean replaced) {
            boolean teacher = example.label().origin() == LabelOrigin.LLM;
            boolean disagrees = Disagreement.disagrees(example.request().modelIntents(), example.label().intents());
            since = since.plus(teacher, disagrees);
            parts.metrics().joined(example.label().origin());
            if (teacher) {
                parts.metrics().teacherLabel(disagrees);
            }
            if (current != null) {
                current.joined++;
            }
        }

        @Override
        public void refused(RefusalReason reason) {
            count(reason);
        }

        @Override
        public void requestDropped() {
            dirty = true;
            parts.metrics().requestDropped();
        }
    }
}
