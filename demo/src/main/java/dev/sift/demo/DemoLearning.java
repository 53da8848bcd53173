package dev.sift.demo;

import dev.sift.gateway.EmbeddedGateway;
import dev.sift.gateway.release.LiveModel;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.label.FeedbackFactory;
import dev.sift.modelops.label.IntentCatalogue;
import dev.sift.modelops.label.LabelerConfig;
import dev.sift.modelops.label.LabelerMetrics;
import dev.sift.modelops.label.LabelingException;
import dev.sift.modelops.label.LabelingLoop;
import dev.sift.modelops.label.LabelingSummary;
import dev.sift.modelops.label.Pricing;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.modelops.service.ModelOpsService;
import dev.sift.modelops.service.ReoptimizationJob;
import dev.sift.modelops.service.RunStatus;
import dev.sift.schema.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The learning loop inside the demo, on the path a fleet takes: the stand-in teacher labels what the gateway forwarded
 * and audited ({@link LabelingLoop}, exactly once, as the LLM labeler does), model-ops (its service, started in this
 * JVM) joins the labels with the requests, retrains the heads, optimizes, judges the candidate against the live model
 * on the held-out labels, signs and publishes a release, and the gateway's release follower verifies and hot-swaps it.
 * Only the teacher's judgement is a stand-in.
 */
final class DemoLearning implements AutoCloseable {

    private static final String KEY_NAME = "release";

    private final LocalKafkaBroker broker;
    private final Topics topics;
    private final Path work;
    private final ApplicationContext modelOps;

    private DemoLearning(LocalKafkaBroker broker, Topics topics, Path work, ApplicationContext modelOps) {
        this.broker = broker;
        this.topics = topics;
        this.work = work;
        this.modelOps = modelOps;
    }

    /**
     * Makes the release signing keys and starts model-ops.
     *
     * @param broker the broker
     * @param topics the topics
     * @param work the demo's working directory
     * @param base the FP32 bundle the gateway's model was made from, which retraining starts from (a context-aware
     *     base gives a context-aware candidate); empty for model-ops' default bundle
     * @return the running loop
     */
    static DemoLearning start(LocalKafkaBroker broker, Topics topics, Path work, Optional<Path> base) {
        SigningKeys.write(SigningKeys.generate(), work.resolve("keys"), KEY_NAME);
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("micronaut.server.port", -1);
        config.put("sift.model-ops.store", store(work).toString());
        config.put("sift.model-ops.signing-key", work.resolve("keys/" + KEY_NAME + ".key").toString());
        config.put("sift.model-ops.public-key", publicKey(work).toString());
        config.put("sift.model-ops.schedule.enabled", false);
        base.ifPresent(dir -> config.put("sift.model-ops.base-bundle", dir.toString()));
        // INT8 and mixed precision without pruning: the fleet's full search takes minutes on two cores.
        config.put("sift.model-ops.prune-ratios", List.of(0.0));
        config.put("sift.model-ops.keep-fp32", List.of(0, 2, 4));
        config.put("sift.model-ops.calibration-sample", 64);
        // The gate compares INT8 with its FP32 on the held-out labels: with a few hundred of them one snippet is
        // worth most of a point, so the fleet's half a point would refuse a candidate for one snippet.
        config.put("sift.model-ops.max-drop-points", 2.0);
        // The demo starts the run itself once the teacher is done, instead of waiting for a trigger's next look.
        config.put("sift.learning.check-interval", "1h");
        return new DemoLearning(broker, topics, work, ModelOpsService.start(config));
    }

    /**
     * @return the gateway settings that make it follow model-ops' releases: the public key and the model store
     */
    Map<String, Object> gatewayConfig() {
        return Map.of("sift.releases.trusted-keys", publicKey(work).toString(),
                "sift.releases.stores", store(work).toUri().toString(),
                "sift.releases.cache-dir", work.resolve("gateway-releases").toString());
    }

    /**
     * Labels every forwarded and audited request on the topics with the stand-in teacher.
     *
     * @param generated the generated snippets by id
     * @return what the labeler did
     * @throws LabelingException when the labeler cannot work at all
     * @throws InterruptedException when interrupted
     */
    LabelingSummary label(Map<String, GeneratedSnippet> generated) throws LabelingException, InterruptedException {
        LabelerConfig config = new LabelerConfig();
        config.setGroupId("sift-demo-labeler");
        config.setRequestsPerSecond(0);
        config.setTokensPerMinute(0);
        LabelerMetrics metrics = new LabelerMetrics(new SimpleMeterRegistry(), Pricing.of(config));
        Instant start = Instant.now();
        new LabelingLoop(new LabelingLoop.Parts(new StandInTeacher(generated),
                new FeedbackFactory(IntentCatalogue.defaults(), Clock.systemUTC()), topics, broker.clientConfig(),
                config, "sift-demo", metrics)).run(LabelingLoop.Mode.TO_END);
        return metrics.summary(Duration.between(start, Instant.now()));
    }

    /**
     * Runs model-ops once, as a trigger would: data set, retraining, optimization, judgement, release.
     *
     * @return how the run ended
     */
    RunStatus retrain() {
        return modelOps.getBean(ReoptimizationJob.class).runOnce("demo");
    }

    /**
     * Waits until the gateway serves a model version.
     *
     * @param gateway the gateway
     * @param version the version
     * @param timeout how long to wait
     * @throws InterruptedException when interrupted
     */
    static void awaitLive(EmbeddedGateway gateway, String version, Duration timeout) throws InterruptedException {
        LiveModel live = gateway.context().getBean(LiveModel.class);
        Instant deadline = Instant.now().plus(timeout);
        while (!live.info().version().equals(version)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the gateway still serves " + live.info().version() + " after "
                        + timeout + ", not release " + version);
            }
            Thread.sleep(200);
        }
    }

    private static Path store(Path work) {
        return work.resolve("model-ops");
    }

    private static Path publicKey(Path work) {
        return work.resolve("keys/" + KEY_NAME + ".pub");
    }

    @Override
    public void close() {
        modelOps.close();
    }
}
