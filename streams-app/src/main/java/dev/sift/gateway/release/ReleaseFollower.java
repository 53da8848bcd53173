package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.gateway.classify.LiveModel;
import dev.sift.gateway.classify.ModelLoader;
import dev.sift.gateway.config.KafkaClientSettings;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.Topics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.ApplicationStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted releases topic on every gateway instance (all partitions, no consumer group: every instance
 * sees every release, whatever snippets partitions it owns) and takes each newer release live: prepared and
 * checked off the stream's path, then swapped in atomically, or first tried in shadow. A refused release is logged,
 * counted and remembered; the live model keeps serving.
 */
@Singleton
@Requires(property = "sift.releases.enabled", notEquals = "false")
public class ReleaseFollower implements ApplicationEventListener<ApplicationStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseFollower.class);

    private final ReleaseConfig config;
    private final ReleaseInstaller installer;
    private final LiveModel live;
    private final ModelHistory history;
    private final ShadowModel shadow;
    private final ModelLoader loader;
    private final Topic<String, ModelRelease> topic;
    private final Map<String, Object> kafka;
    private final Map<String, ModelRelease> known = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final ExecutorService promotions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "release-promotion");
        t.setDaemon(true);
        return t;
    });
    private volatile KafkaConsumer<String, ModelRelease> consumer;
    private volatile Thread thread;
    private volatile boolean running = true;

    /**
     * @param config release settings
     * @param installer prepares releases
     * @param live the live model
     * @param history swap and rejection history
     * @param shadow the shadow slot
     * @param loader loads the configured bundle for rollbacks to it
     * @param topics topic registry
     * @param kafka Kafka client settings
     */
    public ReleaseFollower(ReleaseConfig config, ReleaseInstaller installer, LiveModel live, ModelHistory history,
            ShadowModel shadow, ModelLoader loader, Topics topics, KafkaClientSettings kafka) {
        this.config = config;
        this.installer = installer;
        this.live = live;
        this.history = history;
        this.shadow = shadow;
        this.loader = loader;
        this.topic = topics.releases();
        this.kafka = kafka.asMap();
    }

    @Override
    public void onApplicationEvent(ApplicationStartupEvent event) {
        thread = new Thread(this::follow, "release-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, ModelRelease> c = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            consumer = c;
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = c.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            while (running) {
                var records = c.poll(Duration.ofMillis(500));
                List<ModelRelease> batch = new java.util.ArrayList<>();
                for (ConsumerRecord<String, ModelRelease> r : records) {
                    if (r.value() != null) {
                        known.put(r.value().getVersion(), r.value());
                        batch.add(r.value());
                    }
                }
                // Only the newest of a batch matters: older ones would be replaced at once.
                batch.stream().filter(this::wanted).max(Comparator.comparingLong(ModelRelease::getSequence))
                        .ifPresent(this::takeLive);
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up.
        } catch (RuntimeException e) {
            LOG.error("release follower stopped: {}", e.toString(), e);
        }
    }

    private boolean wanted(ModelRelease release) {
        String pinned = config.getPinnedVersion();
        if (!pinned.isBlank()) {
            return pinned.equals(release.getVersion()) && !pinned.equals(liveVersion());
        }
        return !refused.containsKey(release.getVersion()) && release.getSequence() > liveSequence()
                && !release.getVersion().equals(liveVersion()) && !release.getVersion().equals(shadow.version());
    }

    private String liveVersion() {
        return live.info().version();
    }

    private long liveSequence() {
        return history.live().map(ModelHistory.Event::sequence).orElse(-1L);
    }

    /**
     * Prepares a release and takes it live (or into shadow); a refusal is recorded.
     *
     * @param release the release
     */
    synchronized void takeLive(ModelRelease release) {
        ReleaseInstaller.Ready ready;
        try {
            ready = installer.prepare(release);
        } catch (ReleaseRejectedException e) {
            refused.put(release.getVersion(), e.reason());
            history.rejected(release.getVersion(), release.getSequence(), e.reason(), e.getMessage());
            LOG.warn("refused release {} ({}): {}; still serving {}", release.getVersion(), e.reason(), e.getMessage(),
                    liveVersion());
            return;
        } catch (RuntimeException e) {
            refused.put(release.getVersion(), "error");
            history.rejected(release.getVersion(), release.getSequence(), "error", e.toString());
            LOG.error("could not prepare release {}; still serving {}", release.getVersion(), liveVersion(), e);
            return;
        }
        if (config.isShadow()) {
            history.note("SHADOW", release.getVersion(), release.getSequence(), "scoring "
                    + Math.round(config.getShadowSampleRate() * 100) + "% of traffic beside " + liveVersion());
            shadow.start(ready, promote -> promotions.submit(() -> judged(release, promote)));
            return;
        }
        swap(ready.classifier(), release, ready.loadMillis(), "SWAP");
    }

    private void judged(ModelRelease release, boolean promote) {
        if (!promote) {
            refused.put(release.getVersion(), "shadow-disagreement");
            history.rejected(release.getVersion(), release.getSequence(), "shadow-disagreement",
                    "agreed with the live model on fewer than " + Math.round(config.getShadowMinAgreement() * 100)
                            + "% of forward decisions");
            return;
        }
        // The shadow's classifier was closed with its trial: load the verified bundle afresh for serving.
        long start = System.nanoTime();
        try {
            SnippetClassifier fresh = installer.prepare(release).classifier();
            swap(fresh, release, (System.nanoTime() - start) / 1_000_000, "SWAP");
        } catch (RuntimeException e) {
            history.rejected(release.getVersion(), release.getSequence(), "error", e.toString());
        }
    }

    private synchronized void swap(SnippetClassifier classifier, ModelRelease release, long loadMillis, String kind) {
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
        Optional<ModelRelease> release = Optional.ofNullable(known.get(previous.version()));
        long start = System.nanoTime();
        if (release.isPresent()) {
            ReleaseInstaller.Ready ready = installer.prepare(release.get());
            swap(ready.classifier(), release.get(), ready.loadMillis(), "ROLLBACK");
        } else {
            SnippetClassifier configured = loader.loadConfigured();
            if (!configured.info().version().equals(previous.version())) {
                configured.close();
                throw new IllegalStateException("previous model " + previous.version() + " is neither a known release"
                        + " nor the configured bundle");
            }
            swap(configured, null, (System.nanoTime() - start) / 1_000_000, "ROLLBACK");
        }
        return live.info().version();
    }

    /** @return versions refused, with their reason codes */
    public Map<String, String> refused() {
        return Map.copyOf(refused);
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
