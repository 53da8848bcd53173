package dev.sift.modelops.label;

import dev.sift.modelops.service.ModelOpsService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labeler inside {@code model-ops serve} ({@code sift.labeler.enabled=true}): follows the request topics on its
 * own thread. When the loop fails (the teacher misconfigured, Kafka unreachable, a batch that will not commit) it is
 * logged and restarted after a pause that doubles up to ten minutes; the batch in progress was not committed, so
 * nothing is lost. {@code sift_labeler_running} is 1 while it labels.
 */
@Singleton
@Requires(env = ModelOpsService.ENVIRONMENT)
@Requires(property = "sift.labeler.enabled", value = "true")
public class LabelerService {

    private static final Logger LOG = LoggerFactory.getLogger(LabelerService.class);
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(15);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(10);

    private final LabelingLoop.Parts parts;
    private final LabelingLoop loop;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /**
     * @param config labeler settings
     * @param environment the service's configuration
     * @param registry the service's meters
     */
    public LabelerService(LabelerConfig config, Environment environment, MeterRegistry registry) {
        this.parts = LabelerSetup.llmParts(config, environment, new LabelerMetrics(registry, Pricing.of(config)),
                ApiKey.fromEnvironment(), "");
        this.loop = new LabelingLoop(parts);
        Gauge.builder("sift.labeler.running", running, r -> r.get() ? 1 : 0)
                .description("1 while the labeler labels, 0 while it pauses after a failure").register(registry);
    }

    /**
     * Starts labeling when the service has started.
     *
     * @param event the startup
     */
    @EventListener
    public synchronized void onStartup(StartupEvent event) {
        if (thread != null) {
            return;
        }
        thread = new Thread(this::follow, "sift-labeler");
        thread.setDaemon(true);
        thread.start();
        LOG.info("labeler {} started: {} (catalogue of {} intents)", parts.instanceId(), parts.config(),
                LabelerSetup.catalogue(parts.config()).names().size());
    }

    /** @return whether the loop is labeling now */
    public boolean running() {
        return running.get();
    }

    /** @return the metrics of this labeler */
    public LabelerMetrics metrics() {
        return parts.metrics();
    }

    private void follow() {
        Duration pause = FIRST_PAUSE;
        while (stopped.getCount() > 0) {
            running.set(true);
            try {
                loop.run(LabelingLoop.Mode.FOLLOW);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (LabelingException | RuntimeException e) {
                LOG.error("labeler stopped, restarting in {} s: {}", pause.toSeconds(), e.getMessage());
            } finally {
                running.set(false);
            }
            try {
                if (stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        }
    }

    /** Stops labeling; the batch in progress is labeled again by the next labeler. */
    @PreDestroy
    public synchronized void stop() {
        stopped.countDown();
        loop.stop();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
