package dev.sift.modelops.retrain;

import dev.sift.modelops.learning.LabelCollector;
import dev.sift.modelops.learning.LearningConfig;
import dev.sift.modelops.learning.LearningMetrics;
import dev.sift.modelops.service.ModelOpsService;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the request and feedback topics every {@code sift.learning.check-interval}: reads what arrived into the
 * feedback data set's state (so the disagreement meters stay current between runs) and starts a run when the
 * {@link TriggerPolicy} says so and none is in progress. A failed look (Kafka unreachable) is logged and tried again
 * at the next interval.
 */
@Singleton
@Requires(env = ModelOpsService.ENVIRONMENT)
@Requires(property = "sift.learning.enabled", notEquals = "false")
public class RetrainingTriggers {

    private static final Logger LOG = LoggerFactory.getLogger(RetrainingTriggers.class);

    private final LabelCollector collector;
    private final RetrainingLauncher launcher;
    private final TriggerPolicy policy;
    private final LearningMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private volatile Instant lastTriggered;

    /**
     * @param collector the feedback data set
     * @param launcher starts runs
     * @param config the learning settings
     * @param metrics where triggered runs are counted
     */
    public RetrainingTriggers(LabelCollector collector, RetrainingLauncher launcher, LearningConfig config,
            LearningMetrics metrics) {
        this.collector = collector;
        this.launcher = launcher;
        this.policy = TriggerPolicy.of(config);
        this.metrics = metrics;
    }

    /** One look at the topics. */
    @Scheduled(fixedDelay = "${sift.learning.check-interval:1m}", initialDelay = "${sift.learning.check-interval:1m}")
    public void check() {
        if (launcher.running()) {
            return;
        }
        try {
            collector.collect();
        } catch (RuntimeException e) {
            LOG.warn("could not read the request and feedback topics, trying again later: {}", e.getMessage());
            return;
        }
        Optional<Trigger> trigger = policy.decide(collector.sinceLastRun(), Optional.ofNullable(lastTriggered),
                clock.instant());
        if (trigger.isPresent() && !launcher.running()) {
            LOG.info("starting a run: {} ({})", trigger.get().label(), collector.sinceLastRun());
            lastTriggered = clock.instant();
            metrics.triggered(trigger.get().label());
            launcher.launch(trigger.get().label());
        }
    }
}
