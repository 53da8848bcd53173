package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.TopicSnapshot;
import dev.sift.schema.topic.Topic;
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
 * release on the releases topic that is not older than the highest this gateway accepted before, waiting for one up
 * to the configured time. The stream does not start before a model is ready.
 */
public final class InitialModel {

    private static final Logger LOG = LoggerFactory.getLogger(InitialModel.class);

    private InitialModel() {
    }

    /**
     * Where the first model can come from.
     *
     * @param loader the configured bundle loader
     * @param installer prepares releases
     * @param floor the highest sequence accepted before
     * @param history where the start is recorded
     */
    public record Sources(ModelLoader loader, ReleaseInstaller installer, SequenceFloor floor, ModelHistory history) {
    }

    /**
     * @param from where the first model can come from
     * @param config release settings
     * @param topic the releases topic
     * @param kafka Kafka client settings
     * @return the classifier to start with
     */
    public static SnippetClassifier load(Sources from, ReleaseConfig config, Topic<String, ModelRelease> topic,
            Map<String, Object> kafka) {
        long start = System.nanoTime();
        ModelHistory history = from.history();
        if (from.loader().hasConfiguredBundle() || !config.isEnabled()) {
            SnippetClassifier classifier = from.loader().loadConfigured();
            history.live(classifier.info().version(), -1, (System.nanoTime() - start) / 1_000_000, EventKind.LIVE,
                    "configured bundle");
            return classifier;
        }
        String pinned = config.getPinnedVersion();
        Instant deadline = Instant.now().plus(config.getStartupWait());
        while (true) {
            List<ModelRelease> releases = TopicSnapshot.read(topic, kafka, Duration.ofSeconds(30)).stream()
                    .map(ConsumerRecord::value)
                    .filter(r -> pinned.isBlank() ? from.floor().admits(r) : pinned.equals(r.getVersion()))
                    .sorted(Comparator.comparingLong(ModelRelease::getSequence).reversed()).toList();
            for (ModelRelease release : releases) {
                try {
                    ReleaseInstaller.Ready ready = from.installer().prepare(release);
                    history.live(release.getVersion(), release.getSequence(), ready.loadMillis(), EventKind.LIVE,
                            "newest valid release at start-up");
                    from.floor().accepted(release);
                    return ready.classifier();
                } catch (ReleaseRejectedException e) {
                    history.rejected(release.getVersion(), release.getSequence(), e.reason(), e.getMessage());
                    LOG.warn("refused release {} at start-up ({}): {}", ModelHistory.shown(release.getVersion()),
                            e.reason().code(), e.getMessage());
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("no model: no bundle configured (sift.model.bundle) and no valid"
                        + " release on " + topic.name() + (pinned.isBlank() ? " at or above sequence "
                        + from.floor().sequence() + ", the highest this gateway accepted before," : " of version "
                        + pinned) + " within " + config.getStartupWait());
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
