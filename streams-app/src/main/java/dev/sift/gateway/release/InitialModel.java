package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.gateway.classify.ModelLoader;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.topic.Topic;
import dev.sift.schema.topic.TopicSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model a gateway starts with: the configured bundle when there is one, else the newest valid (or the pinned)
 * release on the releases topic, waiting for one up to the configured time. The stream does not start before a
 * model is ready.
 */
public final class InitialModel {

    private static final Logger LOG = LoggerFactory.getLogger(InitialModel.class);

    private InitialModel() {
    }

    /**
     * @param loader the configured bundle loader
     * @param releasesEnabled whether releases may supply the model
     * @param config release settings
     * @param installer prepares releases
     * @param history where the start is recorded
     * @param topic the releases topic
     * @param kafka Kafka client settings
     * @return the classifier to start with
     */
    public static SnippetClassifier load(ModelLoader loader, boolean releasesEnabled, ReleaseConfig config,
            ReleaseInstaller installer, ModelHistory history, Topic<String, ModelRelease> topic,
            Map<String, Object> kafka) {
        long start = System.nanoTime();
        if (loader.hasConfiguredBundle() || !releasesEnabled) {
            SnippetClassifier classifier = loader.loadConfigured();
            history.live(classifier.info().version(), -1, (System.nanoTime() - start) / 1_000_000, "LIVE",
                    "configured bundle");
            return classifier;
        }
        Instant deadline = Instant.now().plus(config.getStartupWait());
        while (true) {
            List<ModelRelease> releases = TopicSnapshot.read(topic, kafka, Duration.ofSeconds(30)).stream()
                    .map(ConsumerRecord::value)
                    .filter(r -> config.getPinnedVersion().isBlank() || config.getPinnedVersion().equals(r.getVersion()))
                    .sorted(Comparator.comparingLong(ModelRelease::getSequence).reversed()).toList();
            for (ModelRelease release : releases) {
                try {
                    ReleaseInstaller.Ready ready = installer.prepare(release);
                    history.live(release.getVersion(), release.getSequence(), ready.loadMillis(), "LIVE",
                            "newest valid release at start-up");
                    return ready.classifier();
                } catch (ReleaseRejectedException e) {
                    history.rejected(release.getVersion(), release.getSequence(), e.reason(), e.getMessage());
                    LOG.warn("refused release {} at start-up ({}): {}", release.getVersion(), e.reason(),
                            e.getMessage());
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no model: no bundle configured (sift.model.bundle) and no valid"
                        + " release on " + topic.name() + " within " + config.getStartupWait());
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a model release", e);
            }
        }
    }
}
