package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.gateway.classify.LiveModel;
import dev.sift.gateway.classify.ModelLoader;
import dev.sift.gateway.config.KafkaClientSettings;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.KafkaClients;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted releases topic on every gateway instance (all partitions, no consumer group: every instance
 * sees every release, whatever snippets partitions it owns) and takes each newer release live: authenticated first
 * without any I/O, then prepared and checked off the stream's path, then swapped in atomically, or first tried in
 * shadow. Only releases above the highest sequence this gateway ever accepted go live ({@link SequenceFloor}). A
 * refused release is logged, counted and remembered (a bounded number of them); the live model keeps serving.
 */
@Singleton
@Requires(property = "sift.releases.enabled", notEquals = "false")
public class ReleaseFollower implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseFollower.class);
    /** Authenticated releases remembered for rollbacks: only model-ops can add to them. */
    private static final int KNOWN = 32;
    /** Refusals shown on {@code GET /model}: anyone who can write the topic can add to them. */
    private static final int REFUSED = 200;

    private final ReleaseConfig config;
    private final ReleaseInstaller installer;
    private final LiveModel live;
    private final ModelHistory history;
    private final ShadowModel shadow;
    private final ModelLoader loader;
    private final SequenceFloor floor;
    private final Topic<String, ModelRelease> topic;
    private final Map<String, Object> kafka;
    private final BoundedMemory<ModelRelease> known = new BoundedMemory<>(KNOWN);
    private final BoundedMemory<RejectionReason> refused = new BoundedMemory<>(REFUSED);
    private final ExecutorService promotions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "release-promotion");
        t.setDaemon(true);
        return t;
    });
    private volatile KafkaConsumer<String, ModelRelease> consumer;
    private volatile Thread thread;
    private volatile boolean running = true;

    /**
     * What the follower works with.
     *
     * @param installer prepares releases
     * @param live the live model
     * @param history swap and rejection history
     * @param shadow the shadow slot
     * @param loader loads the configured bundle for rollbacks to it
     * @param floor the highest accepted sequence
     */
    @Singleton
    public record Collaborators(ReleaseInstaller installer, LiveModel live, ModelHistory history, ShadowModel shadow,
            ModelLoader loader, SequenceFloor floor) {
    }

    /**
     * @param config release settings
     * @param with what the follower works with
     * @param topics topic registry
     * @param kafka Kafka client settings
     */
    public ReleaseFollower(ReleaseConfig config, Collaborators with, Topics topics, KafkaClientSettings kafka) {
        this.config = config;
        this.installer = with.installer();
        this.live = with.live();
        this.history = with.history();
        this.shadow = with.shadow();
        this.loader = with.loader();
        this.floor = with.floor();
        this.topic = topics.releases();
        this.kafka = kafka.asMap();
    }

    /** Starts following when the context has started: a gateway embedded without its HTTP server follows too. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        thread = new Thread(this::follow, "release-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        try (KafkaConsumer<String, ModelRelease> c = KafkaClients.committedReader(kafka,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer = c;
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = c.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            // What was on the topic before this start is its history: older releases there are not refusals.
            Map<TopicPartition, Long> past = c.endOffsets(partitions);
            while (running) {
                List<ModelRelease> candidates = new ArrayList<>();
                try {
                    for (ConsumerRecord<String, ModelRelease> r : c.poll(Duration.ofMillis(500))) {
                        boolean old = r.offset() < past.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L);
                        if (r.value() != null && admissible(r.value(), old)) {
                            candidates.add(r.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    LOG.warn("skipping undecodable record {}-{}@{} on the releases topic: {}", e.topicPartition()
                            .topic(), e.topicPartition().partition(), e.offset(), e.getMessage());
                    c.seek(e.topicPartition(), e.offset() + 1);
                }
                // The newest that can be prepared wins; older ones of the same batch would be replaced at once.
                candidates.sort(Comparator.comparingLong(ModelRelease::getSequence).reversed());
                for (ModelRelease candidate : candidates) {
                    if (takeLive(candidate)) {
                        break;
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up.
        } catch (RuntimeException e) {
            LOG.error("release follower stopped: {}", e.toString(), e);
        }
    }

    /**
     * Whether a release should be prepared: the pinned one when a version is pinned, else an authenticated release
     * above the highest sequence accepted so far, not already live or on trial. Refusals are recorded.
     */
    private boolean admissible(ModelRelease release, boolean old) {
        String pinned = config.getPinnedVersion();
        if (!pinned.isBlank() && !pinned.equals(release.getVersion())) {
            return false;
        }
        try {
            installer.authenticate(release);
        } catch (ReleaseRejectedException e) {
            refuse(release, e);
            return false;
        }
        known.put(release.getVersion(), release);
        if (release.getVersion().equals(liveVersion()) || release.getVersion().equals(shadow.version())) {
            return false;
        }
        if (pinned.isBlank() && !floor.admits(release)) {
            if (!old) {
                refuse(release, new ReleaseRejectedException(RejectionReason.NOT_NEWER, "release "
                        + release.getVersion() + " has sequence " + release.getSequence() + ", not above "
                        + floor.sequence() + ", the highest this gateway accepted"));
            }
            return false;
        }
        return true;
    }

    private void refuse(ModelRelease release, ReleaseRejectedException e) {
        refused.put(ModelHistory.shown(release.getVersion()), e.reason());
        history.rejected(release.getVersion(), release.getSequence(), e.reason(), e.getMessage());
        LOG.warn("refused release {} ({}): {}; still serving {}", ModelHistory.shown(release.getVersion()),
                e.reason().code(), e.getMessage(), liveVersion(), e.getCause());
    }

    private String liveVersion() {
        return live.info().version();
    }

    /**
     * Prepares a release and takes it live (or into shadow); a refusal is recorded.
     *
     * @param release an admissible release
     * @return whether it went live or into shadow
     */
    synchronized boolean takeLive(ModelRelease release) {
        ReleaseInstaller.Ready ready;
        try {
            ready = installer.prepare(release);
        } catch (ReleaseRejectedException e) {
            refuse(release, e);
            return false;
        } catch (RuntimeException e) {
            LOG.error("could not prepare release {}; still serving {}", release.getVersion(), liveVersion(), e);
            refuse(release, new ReleaseRejectedException(RejectionReason.ERROR, e.toString(), e));
            return false;
        }
        if (config.isShadow()) {
            history.shadow(release.getVersion(), release.getSequence(), "scoring "
                    + Math.round(config.getShadowSampleRate() * 100) + "% of traffic beside " + liveVersion());
            shadow.start(ready, promote -> promotions.submit(() -> judged(release, promote)));
            return true;
        }
        swap(ready.classifier(), release, ready.loadMillis(), EventKind.SWAP);
        return true;
    }

    private void judged(ModelRelease release, boolean promote) {
        if (!promote) {
            refuse(release, new ReleaseRejectedException(RejectionReason.SHADOW_DISAGREEMENT, "agreed with the live"
                    + " model on fewer than " + Math.round(config.getShadowMinAgreement() * 100)
                    + "% of forward decisions"));
            return;
        }
        // The shadow's classifier was closed with its trial: load the verified bundle afresh for serving.
        long start = System.nanoTime();
        try {
            SnippetClassifier fresh = installer.prepare(release).classifier();
            swap(fresh, release, (System.nanoTime() - start) / 1_000_000, EventKind.SWAP);
        } catch (ReleaseRejectedException e) {
            refuse(release, e);
        } catch (RuntimeException e) {
            refuse(release, new ReleaseRejectedException(RejectionReason.ERROR, e.toString(), e));
        }
    }

    private synchronized void swap(SnippetClassifier classifier, ModelRelease release, long loadMillis,
            EventKind kind) {
        // The floor is recorded before the model serves: a crash in between takes the same release again at start
        // (the floor admits it), never an older one.
        try {
            if (kind == EventKind.ROLLBACK) {
                floor.rolledBack();
            } else if (release != null) {
                floor.accepted(release);
            }
        } catch (RuntimeException e) {
            LOG.error("could not record the accepted release sequence: after a restart, older releases could be"
                    + " taken again", e);
        }
        String before = live.swap(classifier).version();
        history.live(classifier.info().version(), release == null ? -1 : release.getSequence(), loadMillis, kind,
                "replaced " + before);
        LOG.info("now serving {} (was {}, ready in {} ms)", classifier.info().version(), before, loadMillis);
    }

    /**
     * Serves the model that was live before the current one again (re-verified on the way).
     *
     * @return the version now serving
     * @throws IllegalStateException when there is nothing to roll back to, or it cannot be taken live
     */
    public synchronized String rollback() {
        ModelHistory.Event previous = history.previousLive()
                .orElseThrow(() -> new IllegalStateException("no previous model to roll back to"));
        Optional<ModelRelease> release = known.get(previous.version());
        long start = System.nanoTime();
        if (release.isPresent()) {
            ReleaseInstaller.Ready ready = installer.prepare(release.get());
            swap(ready.classifier(), release.get(), ready.loadMillis(), EventKind.ROLLBACK);
        } else {
            SnippetClassifier configured = loader.loadConfigured();
            if (!configured.info().version().equals(previous.version())) {
                configured.close();
                throw new IllegalStateException("previous model " + previous.version() + " is neither a known release"
                        + " nor the configured bundle");
            }
            swap(configured, null, (System.nanoTime() - start) / 1_000_000, EventKind.ROLLBACK);
        }
        return live.info().version();
    }

    /** @return recently refused versions (at most a few hundred), with why */
    public Map<String, RejectionReason> refused() {
        return refused.snapshot();
    }

    /** Stops following. */
    @PreDestroy
    public void close() {
        running = false;
        KafkaConsumer<String, ModelRelease> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        shadow.stop();
        promotions.shutdownNow();
    }
}
