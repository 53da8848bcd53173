package dev.sift.modelops.service;

import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.dataset.Dataset;
import dev.sift.modelops.dataset.DatasetReaders;
import dev.sift.modelops.dataset.HeldOut;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.modelops.optimize.Candidate;
import dev.sift.modelops.optimize.OptimizationSearch;
import dev.sift.modelops.optimize.SearchOptions;
import dev.sift.modelops.optimize.SearchReport;
import dev.sift.modelops.publish.ModelStore;
import dev.sift.modelops.publish.ReleaseLog;
import dev.sift.modelops.publish.ReleasePublisher;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.modelops.retrain.IntentOutputs;
import dev.sift.modelops.retrain.RetrainingLauncher;
import dev.sift.modelops.retrain.RetrainingRun;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.KafkaClientConfig;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.TopicRole;
import dev.sift.schema.topic.Topics;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.env.Environment;
import io.micronaut.core.naming.conventions.StringConvention;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the service: sample recent traffic for calibration; retrain on the feedback data set and publish when the
 * result beats the live release on the held-out feedback ({@link RetrainingRun}); until the feedback can judge a
 * model (or with {@code sift.learning.enabled=false}), run the accuracy-gated search on the FP32 base with the static
 * labels and publish the chosen candidate when it beats the live one. One run at a time.
 */
@Singleton
@Requires(env = ModelOpsService.ENVIRONMENT)
public class ReoptimizationJob implements RetrainingLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(ReoptimizationJob.class);
    private static final int MIN_TRAFFIC = 32;

    private final ServiceConfig config;
    private final Map<String, Object> kafka;
    private final Topics topics;
    private final AtomicReference<RunStatus> last = new AtomicReference<>();
    private final Optional<RetrainingRun> retraining;

    /**
     * @param config service settings
     * @param environment the {@code kafka.*} settings: bootstrap servers, security
     * @param snippetsTopic the snippets topic
     * @param releasesTopic the releases topic
     * @param retraining the learning loop's retraining, unless {@code sift.learning.enabled} is false
     */
    public ReoptimizationJob(ServiceConfig config, Environment environment,
            @Value("${sift.topics.snippets:sift.snippets}") String snippetsTopic,
            @Value("${sift.topics.releases:sift.model-releases}") String releasesTopic,
            Optional<RetrainingRun> retraining) {
        this.config = config;
        this.retraining = retraining;
        this.kafka = Map.copyOf(KafkaClientConfig.of(environment.getProperties("kafka", StringConvention.RAW),
                environment.getRequiredProperty("kafka.bootstrap.servers", String.class)));
        this.topics = new Topics(TopicNames.defaults().with(TopicRole.SNIPPETS, snippetsTopic)
                .with(TopicRole.RELEASES, releasesTopic));
    }

    /** @return the last run's status, if any */
    public Optional<RunStatus> last() {
        return Optional.ofNullable(last.get());
    }

    /** @return whether a run is in progress */
    @Override
    public boolean running() {
        RunStatus status = last.get();
        return status != null && RunStatus.RUNNING.equals(status.state());
    }

    @Override
    public void launch(String trigger) {
        runOnce(trigger);
    }

    /**
     * Runs once, now, on the calling thread.
     *
     * @param trigger what started it
     * @return the final status
     */
    public synchronized RunStatus runOnce(String trigger) {
        RunStatus status = new RunStatus(UUID.randomUUID().toString().substring(0, 8), trigger, Instant.now(), null,
                RunStatus.RUNNING, "running", null, Map.of());
        last.set(status);
        try {
            status = run(status);
        } catch (RuntimeException e) {
            LOG.error("re-optimization run {} failed", status.id(), e);
            status = status.finish(RunStatus.FAILED, e.toString(), null, Map.of());
        }
        last.set(status);
        LOG.info("re-optimization run {}: {} ({})", status.id(), status.state(), status.detail());
        return status;
    }

    private RunStatus run(RunStatus status) {
        ModelBundle base = config.getBaseBundle().isBlank() ? DefaultBundle.ensure(Progress.NONE)
                : ModelBundle.open(Path.of(config.getBaseBundle()));
        Dataset labeled = labeledData(base);
        HeldOut split = HeldOut.of(labeled);
        List<String> calibration = new ArrayList<>(new TrafficSampler(kafka).recent(topics.snippets(),
                config.getCalibrationSample()));
        int fromTraffic = calibration.size();
        if (calibration.size() < MIN_TRAFFIC) {
            split.training().train().stream().map(LabeledSnippet::text).limit(config.getCalibrationSample())
                    .forEach(calibration::add);
        }
        SearchOptions options = config.searchOptions();
        Path work = Path.of(config.getStore()).resolve("runs").resolve(status.id());
        if (retraining.isPresent()) {
            Optional<RetrainingRun.Outcome> retrained = retraining.get().run(new RetrainingRun.Inputs(status.id(),
                    base, labeled, calibration, options, work, new RetrainingRun.ReleaseChannel(
                            () -> new ReleaseLog(kafka, List.of(publicKey())).latest(topics.releases()),
                            this::publisher, new ModelStore(Path.of(config.getStore())))));
            if (retrained.isPresent()) {
                RetrainingRun.Outcome outcome = retrained.get();
                return status.finish(outcome.state() == RetrainingRun.State.PUBLISHED ? RunStatus.PUBLISHED
                        : RunStatus.NOT_PUBLISHED, outcome.detail(), outcome.version(), outcome.metrics());
            }
        }
        SearchReport report = new OptimizationSearch(options, Progress.NONE).run(new OptimizationSearch.Inputs(base,
                split.training(), split.heldOut(), calibration), work.resolve("candidates"));
        report.write(work);
        if (report.chosen() == null) {
            return status.finish(RunStatus.NOT_PUBLISHED, report.nothingChosenBecause(), null, Map.of());
        }
        Candidate chosen = report.chosen();
        Map<String, Double> metrics = report.figuresOf(chosen);
        // Only releases model-ops signed count: forged metrics on the topic must not keep a better model back.
        Optional<ModelRelease> live = new ReleaseLog(kafka, List.of(publicKey())).latest(topics.releases());
        Optional<String> notBetter = live.flatMap(l -> notBetterThan(l, chosen, metrics));
        if (notBetter.isPresent()) {
            return status.finish(RunStatus.NOT_PUBLISHED, notBetter.get(), chosen.version(), metrics);
        }
        ModelRelease release = publisher().publish(chosen.bundle(), metrics, String.format(java.util.Locale.ROOT,
                "%s of %s: %.2fx faster, %+.2f points on %s; calibrated on %d recent snippets", chosen.id(),
                base.version(), chosen.speedup(), -chosen.drop(), report.metric(), fromTraffic));
        return status.finish(RunStatus.PUBLISHED, "published " + release.getVersion() + " to " + topics.releases().name(),
                chosen.version(), metrics);
    }

    /** Why the chosen candidate should not replace the live release, if it should not. */
    private Optional<String> notBetterThan(ModelRelease live, Candidate chosen, Map<String, Double> metrics) {
        if (live.getVersion().equals(chosen.version())) {
            return Optional.of(chosen.version() + " is already live");
        }
        List<String> dropped = IntentOutputs.dropped(live.getIntents(),
                chosen.bundle().manifest().intents().map(h -> h.labels()).orElse(List.of()));
        if (!dropped.isEmpty()) {
            return Optional.of(chosen.version() + " lacks intents " + dropped + " of live " + live.getVersion()
                    + ": gateways whose policies use them would refuse it");
        }
        double liveSpeedup = live.getMetrics().getOrDefault("speedup", 1.0);
        double liveMetric = live.getMetrics().getOrDefault("metric", 0.0);
        boolean faster = metrics.get("speedup") >= liveSpeedup * config.getMinSpeedupOverLive();
        boolean moreAccurate = metrics.get("metric") >= liveMetric + 0.005;
        return faster || moreAccurate ? Optional.empty() : Optional.of(String.format(java.util.Locale.ROOT,
                "%s (%.2fx, %.2f%%) does not beat live %s (%.2fx, %.2f%%)", chosen.version(), metrics.get("speedup"),
                100 * metrics.get("metric"), live.getVersion(), liveSpeedup, 100 * liveMetric));
    }

    private PublicKey publicKey() {
        if (config.getSigningKey().isBlank() || config.getPublicKey().isBlank()) {
            throw new IllegalStateException("no signing key: set sift.model-ops.signing-key and public-key"
                    + " (`model-ops keygen` makes a pair)");
        }
        return BundleSignatures.readPublicKey(Path.of(config.getPublicKey()));
    }

    private ReleasePublisher publisher() {
        PublicKey publicKey = publicKey();
        ModelStore store = new ModelStore(Path.of(config.getStore()));
        URI base = config.getPublicUrl().isBlank() ? store.directory().toUri()
                : URI.create(config.getPublicUrl().endsWith("/") ? config.getPublicUrl() : config.getPublicUrl() + "/");
        return new ReleasePublisher(store, SigningKeys.readPrivateKey(Path.of(config.getSigningKey())),
                publicKey, base, kafka, topics.releases());
    }

    /** {@code sift.model-ops.data}, else the starter set the base was trained on: with context for a context-aware base. */
    private Dataset labeledData(ModelBundle base) {
        if (config.getData().isBlank()) {
            return base.manifest().context() != null ? DefaultBundle.contextStarterSet()
                    : DefaultBundle.starterSet();
        }
        Path file = Path.of(config.getData());
        try (InputStream in = Files.newInputStream(file)) {
            return file.toString().endsWith(".csv") ? DatasetReaders.csv(file.getFileName().toString(), in)
                    : DatasetReaders.jsonl(file.getFileName().toString(), in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
