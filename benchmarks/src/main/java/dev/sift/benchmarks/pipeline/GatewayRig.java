package dev.sift.benchmarks.pipeline;

import dev.sift.benchmarks.pipeline.DecisionCollector.Timing;
import dev.sift.localkafka.FreePorts;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.TopicRole;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One gateway under test on the shared broker, with topics of its own, the load driver that feeds it and the reader of
 * its decisions: what every pipeline measurement drives. Closing it stops the gateway and its clients.
 */
final class GatewayRig implements AutoCloseable {

    /** Partitions of every topic of a rig. */
    static final int PARTITIONS = 6;

    private final PipelineVariant variant;
    private final GatewayProcess gateway;
    private final LoadDriver driver;
    private final DecisionCollector decisions;

    private GatewayRig(PipelineVariant variant, GatewayProcess gateway, LoadDriver driver,
            DecisionCollector decisions) {
        this.variant = variant;
        this.gateway = gateway;
        this.driver = driver;
        this.decisions = decisions;
    }

    /**
     * Creates the rig's topics and starts its gateway.
     *
     * @param broker the broker
     * @param variant what the gateway runs
     * @param texts snippet texts the driver sends
     * @param work folder for the gateway's state and log
     * @param extraProperties gateway configuration added to the variant's
     * @param launch the gateway's code and JVM flags
     * @return the started rig
     */
    static GatewayRig start(LocalKafkaBroker broker, PipelineVariant variant, List<String> texts, Path work,
            Map<String, String> extraProperties, GatewayLaunch launch) {
        String id = "bench-" + variant.name() + "-" + System.currentTimeMillis();
        Topics topics = new Topics(TopicNames.defaults().with(TopicRole.SNIPPETS, id + ".snippets")
                .with(TopicRole.DECISIONS, id + ".decisions").with(TopicRole.LLM_REQUESTS, id + ".llm-requests")
                .with(TopicRole.AUDIT_REQUESTS, id + ".audit-requests")
                .with(TopicRole.DEAD_LETTERS, id + ".dead-letters"));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), PARTITIONS, (short) 1);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", broker.bootstrapServers());
        props.put("kafka.streams.default.application.id", id);
        props.put("kafka.streams.default.num.stream.threads", String.valueOf(variant.streamThreads()));
        props.put("kafka.streams.default.state.dir", work.resolve(id + "-state").toString());
        props.put("sift.model.bundle", variant.bundle().toString());
        props.put("sift.model.intra-op-threads", String.valueOf(variant.intraOpThreads()));
        props.put("sift.model.max-batch-size", String.valueOf(Math.max(32, variant.batchSize())));
        props.put("sift.model.unpack-dir", work.resolve(id + "-bundles").toString());
        props.put("sift.batching.max-size", String.valueOf(variant.batchSize()));
        props.put("sift.releases.enabled", "false");
        topics.names().asProperties().forEach((key, name) -> props.put("sift.topics." + key, name));
        // The benchmark reads the model load time from the metrics of a gateway of its own, on loopback.
        props.put("sift.http.endpoints.open", "health,prometheus");
        props.putAll(extraProperties);
        GatewayProcess gateway = new GatewayProcess(id, launch.classpath(), props, FreePorts.next(),
                work.resolve(id + ".log"), launch.jvmOptions(), launch.environment()).start(Duration.ofMinutes(3));
        LoadDriver driver = null;
        try {
            driver = new LoadDriver(broker.clientConfig(), topics.snippets(), texts);
            return new GatewayRig(variant, gateway, driver,
                    new DecisionCollector(broker.clientConfig(), topics.decisions(), PARTITIONS));
        } catch (RuntimeException e) {
            if (driver != null) {
                driver.close();
            }
            gateway.close();
            throw e;
        }
    }

    /**
     * Runs the gateway at saturation before anything is measured: the JIT compiles the hot paths during the first tens
     * of seconds at full load and takes up to a sixth of 2 cores meanwhile, and a gateway is measured as it runs for
     * days, after that has settled.
     *
     * @param duration about how long
     * @return its decisions per second at the end
     */
    double warmUp(Duration duration) {
        log("warming up");
        driver.backlog("warm-", 400);
        double estimate = rate(decisions.await("warm-", 400, Duration.ofMinutes(3)));
        int steady = (int) Math.max(400, Math.min(60_000, estimate * duration.toSeconds()));
        log(String.format("running at saturation for about %ds (%d snippets) before measuring",
                duration.toSeconds(), steady));
        driver.backlog("steady-", steady);
        return rate(decisions.await("steady-", steady, Duration.ofMinutes(10)));
    }

    /**
     * Decisions per second while every stream thread has a backlog: leaving out the first tenth (the load driver
     * still sending, fetches starting) and the last tenth (partitions run dry one after another, so a thread may
     * have nothing left while another still works).
     */
    static double rate(List<Timing> timings) {
        long[] decided = timings.stream().mapToLong(Timing::decidedMillis).sorted().toArray();
        int from = decided.length / 10;
        int to = decided.length - 1 - decided.length / 10;
        double seconds = Math.max(1, decided[to] - decided[from]) / 1000.0;
        return (to - from) / seconds;
    }

    /** @param what a line of progress, under the variant's name */
    void log(String what) {
        System.out.printf("[%s] %s%n", variant.name(), what);
    }

    /** @return what the gateway runs */
    PipelineVariant variant() {
        return variant;
    }

    /** @return the gateway process */
    GatewayProcess gateway() {
        return gateway;
    }

    /** @return the driver that feeds it */
    LoadDriver driver() {
        return driver;
    }

    /** @return the reader of its decisions */
    DecisionCollector decisions() {
        return decisions;
    }

    @Override
    public void close() {
        try (gateway; driver; decisions) {
            // Closed in reverse order: the reader, the driver, then the gateway.
        }
    }
}
