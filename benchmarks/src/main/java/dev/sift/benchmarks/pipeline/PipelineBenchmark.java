package dev.sift.benchmarks.pipeline;

import dev.sift.benchmarks.pipeline.DecisionCollector.Timing;
import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.InferenceSettings;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures one gateway variant end to end on a real broker: a gateway JVM with the variant's model, batch size and
 * threads, fed by the {@link LoadDriver} and read back by the {@link DecisionCollector}. Saturation is measured in
 * rounds that alternate with the same model alone in this JVM, with the same threads and batch size (the
 * classifier-only ceiling), while the idle gateway waits; then latency at fractions of the median saturation.
 */
public final class PipelineBenchmark {

    private static final int ROUNDS = 3;
    private static final int ROUND_SECONDS = 12;
    private static final Duration CLASSIFIER_ROUND = Duration.ofSeconds(5);

    private final LocalKafkaBroker broker;
    private final List<String> texts;
    private final Path work;
    private final Duration phase;
    private final Duration warmUp;
    private final Map<String, String> extraProperties;
    private final GatewayLaunch launch;
    private final int[] loadPercents;

    /**
     * @param broker the broker
     * @param texts snippet texts
     * @param work folder for state and logs
     * @param phase duration of each paced load level
     * @param warmUp how long each gateway runs at saturation before anything is measured
     * @param extraProperties gateway configuration added to every variant's
     * @param launch the gateway's code and JVM flags
     * @param loadPercents load levels, in percent of saturation
     */
    public PipelineBenchmark(LocalKafkaBroker broker, List<String> texts, Path work, Duration phase, Duration warmUp,
            Map<String, String> extraProperties, GatewayLaunch launch, int... loadPercents) {
        this.broker = broker;
        this.texts = texts;
        this.work = work;
        this.phase = phase;
        this.warmUp = warmUp;
        this.extraProperties = Map.copyOf(extraProperties);
        this.launch = launch;
        this.loadPercents = loadPercents;
    }

    /**
     * @param variant what to run
     * @return its figures
     */
    public PipelineResult run(PipelineVariant variant) {
        PipelineResult.Percentiles[] levels = new PipelineResult.Percentiles[loadPercents.length];
        List<PipelineResult.Round> rounds = new ArrayList<>();
        long loadMillis;
        AtomicLong peakRss = new AtomicLong();
        try (SnippetClassifier alone = classifier(variant);
                GatewayRig rig = GatewayRig.start(broker, variant, texts, work, extraProperties, launch);
                RssSampler rss = new RssSampler(rig.gateway().pid(), peakRss)) {
            GatewayProcess gateway = rig.gateway();
            LoadDriver driver = rig.driver();
            DecisionCollector decisions = rig.decisions();
            CpuMeter cpu = new CpuMeter(gateway.pid(), broker.pid());
            loadMillis = modelLoadMillis(gateway);
            runFor(alone, variant, Duration.ofSeconds(3), new LongAdder());
            double estimate = rig.warmUp(warmUp);
            // Shared machines drift by a tenth or more within a minute: the pipeline and the classifier alone are
            // measured in alternating rounds, and each round's ratio compares two figures taken seconds apart.
            for (int round = 1; round <= ROUNDS; round++) {
                int backlog = (int) Math.max(1_000, Math.min(60_000, estimate * ROUND_SECONDS));
                Optional<CpuMeter.Reading> before = cpu.read();
                driver.backlog("sat" + round + "-", backlog);
                double endToEnd = GatewayRig.rate(decisions.await("sat" + round + "-", backlog, Duration.ofMinutes(10)));
                CpuShares shares = before.flatMap(from -> cpu.read().map(to -> CpuMeter.between(from, to)))
                        .orElse(null);
                double classifierOnly = classifierOnly(alone, variant);
                rounds.add(new PipelineResult.Round(endToEnd, classifierOnly, shares));
                rig.log(String.format("round %d: end to end %.0f snippets/s, classifier alone %.0f (%.0f%%)",
                        round, endToEnd, classifierOnly, 100 * endToEnd / classifierOnly));
                estimate = endToEnd;
            }
            double saturation = PipelineResult.median(rounds.stream().mapToDouble(PipelineResult.Round::endToEnd));
            for (int i = 0; i < loadPercents.length; i++) {
                double offered = saturation * loadPercents[i] / 100.0;
                String prefix = "load" + loadPercents[i] + "-";
                rig.log(String.format("%d%% load: %.0f snippets/s for %ds", loadPercents[i], offered,
                        phase.toSeconds()));
                int sent = driver.paced(prefix, offered, phase);
                long[] latencies = decisions.await(prefix, sent, Duration.ofMinutes(3)).stream()
                        .mapToLong(Timing::latencyMillis).sorted().toArray();
                levels[i] = PipelineResult.Percentiles.of(offered, latencies);
            }
        }
        Map<Integer, PipelineResult.Percentiles> byLoad = new LinkedHashMap<>();
        for (int i = 0; i < loadPercents.length; i++) {
            byLoad.put(loadPercents[i], levels[i]);
        }
        return new PipelineResult(variant, rounds, byLoad, peakRss.get() / 1024.0, loadMillis);
    }

    /** The variant's model in this JVM, with the gateway's inference settings, for the classifier-only rounds. */
    private static SnippetClassifier classifier(PipelineVariant variant) {
        InferenceSettings settings = InferenceSettings.defaults().withIntraOpThreads(variant.intraOpThreads())
                .withMaxBatchSize(Math.max(32, variant.batchSize()));
        return OnnxClassifier.open(ModelBundle.open(variant.bundle()), settings);
    }

    /** Snippets per second of the model alone on the variant's threads, while the gateway has nothing to do. */
    private double classifierOnly(SnippetClassifier classifier, PipelineVariant variant) {
        runFor(classifier, variant, Duration.ofSeconds(1), new LongAdder());
        LongAdder done = new LongAdder();
        long start = System.nanoTime();
        runFor(classifier, variant, CLASSIFIER_ROUND, done);
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    private void runFor(SnippetClassifier classifier, PipelineVariant variant, Duration duration, LongAdder done) {
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < variant.streamThreads(); t++) {
            int offset = t * 7919;
            Thread worker = new Thread(() -> {
                int next = offset;
                while (System.nanoTime() < end) {
                    List<String> batch = new ArrayList<>(variant.batchSize());
                    for (int i = 0; i < variant.batchSize(); i++) {
                        batch.add(texts.get(next++ % texts.size()));
                    }
                    classifier.classify(batch);
                    done.add(batch.size());
                }
            }, "classifier-" + t);
            worker.start();
            threads.add(worker);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The first model's load time, from the gateway's own metric (the model endpoint is off without releases). */
    private static long modelLoadMillis(GatewayProcess gateway) {
        try {
            for (String line : gateway.get("/prometheus").body().split("\n")) {
                if (line.startsWith("sift_model_load_seconds_sum")) {
                    return Math.round(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) * 1000);
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Samples a process's resident set size twice a second and keeps the highest. */
    private static final class RssSampler implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;

        RssSampler(long pid, AtomicLong peakKb) {
            Path status = Path.of("/proc/" + pid + "/status");
            thread = new Thread(() -> {
                while (running) {
                    try {
                        for (String line : Files.readAllLines(status)) {
                            if (line.startsWith("VmRSS:")) {
                                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                                peakKb.accumulateAndGet(kb, Math::max);
                            }
                        }
                        Thread.sleep(500);
                    } catch (IOException | InterruptedException gone) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
