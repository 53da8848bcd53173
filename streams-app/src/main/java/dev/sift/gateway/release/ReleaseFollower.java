package dev.sift.gateway.release;

import dev.sift.gateway.config.KafkaClientSettings;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.topic.Topics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the releases topic on every gateway instance and takes each newer release live, putting together one part
 * per job: {@link ReleaseTopicReader} reads the topic, {@link ReleaseSelection} picks the releases worth preparing
 * (authenticated without any I/O, above the {@link SequenceFloor}), {@link ReleaseInstaller} prepares them off the
 * stream's path, then {@link LiveSwap} swaps one in atomically, or {@link ShadowRun} first tries it in shadow;
 * {@link ReleaseRollback} goes back on an operator's request. A refused release is logged, counted and remembered
 * ({@link ReleaseRefusals}); the live model keeps serving.
 */
@Singleton
@Requires(property = "sift.releases.enabled", notEquals = "false")
@Requires(property = "kafka.enabled", notEquals = "false")
public class ReleaseFollower implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(ReleaseFollower.class);

    private final ReleaseConfig config;
    private final ReleaseInstaller installer;
    private final ReleaseRefusals refusals;
    private final ReleaseSelection selection;
    private final LiveSwap swap;
    private final ShadowRun shadowRun;
    private final ReleaseRollback rollback;
    private final ReleaseTopicReader reader;

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
        KnownReleases known = new KnownReleases();
        this.refusals = new ReleaseRefusals(with.history(), with.live());
        this.selection = new ReleaseSelection(config.getPinnedVersion(), new ReleaseSelection.Checks(
                installer.authenticator(), with.floor(), with.live(), with.shadow()), known, refusals);
        this.swap = new LiveSwap(with.live(), with.floor(), with.history());
        this.shadowRun = new ShadowRun(config, new ShadowRun.With(with.shadow(), installer, swap, refusals,
                with.history()));
        this.rollback = new ReleaseRollback(new ReleaseRollback.With(with.history(), known, installer,
                with.loader(), swap));
        this.reader = new ReleaseTopicReader(topics.releases(), kafka.asMap(), this::consider);
    }

    /** Starts following when the context has started: a gateway embedded without its HTTP server follows too. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        reader.start();
    }

    private void consider(List<ReleaseTopicReader.Read> read) {
        for (ModelRelease candidate : selection.candidates(read)) {
            if (takeLive(candidate)) {
                break;
            }
        }
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
            refusals.refuse(release, e);
            return false;
        } catch (RuntimeException e) {
            LOG.error("could not prepare release {}; still serving {}", release.getVersion(), swap.serving(), e);
            refusals.refuse(release, new ReleaseRejectedException(RejectionReason.ERROR, e.toString(), e));
            return false;
        }
        if (config.isShadow()) {
            shadowRun.start(ready);
        } else {
            swap.swap(ready.classifier(), release, ready.loadMillis(), EventKind.SWAP);
        }
        return true;
    }

    /**
     * Serves the model that was live before the current one again (re-verified on the way).
     *
     * @return the version now serving
     * @throws IllegalStateException when there is nothing to roll back to, or it cannot be taken live
     */
    public synchronized String rollback() {
        return rollback.run();
    }

    /** @return recently refused versions (at most a few hundred), with why */
    public Map<String, RejectionReason> refused() {
        return refusals.recent();
    }

    /** Stops following. */
    @PreDestroy
    public void close() {
        reader.close();
        shadowRun.close();
    }
}
