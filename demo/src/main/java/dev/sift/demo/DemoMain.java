package dev.sift.demo;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.gateway.EmbeddedGateway;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.release.LiveModel;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.label.LabelingSummary;
import dev.sift.modelops.optimize.Int8Bundle;
import dev.sift.modelops.service.RunStatus;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The main command: a real local Kafka broker, the gateway with the default model, a replayed stream of
 * multi-party conversation snippets, and a summary of what reached the LLM. Everything it starts, it stops.
 */
@Command(name = "sift-demo", mixinStandardHelpOptions = true, subcommands = LoadCommand.class,
        description = "Run the Sift gateway end to end on a local Kafka broker and print what it forwarded.")
public final class DemoMain implements Callable<Integer> {

    /**
     * The demo's fleet policy: recall first (a relevant turn the LLM never sees is lost, an irrelevant one costs
     * tokens), and the generator's brands watched for negative posts.
     */
    private static final Map<String, Object> POLICY = Map.of(
            "sift.policy.default.default-threshold", 0.25,
            // The fleet default's two risk intents stay more sensitive than the rest.
            "sift.policy.default.intent-thresholds.cancellation_risk", 0.2,
            "sift.policy.default.intent-thresholds.security_concern", 0.2,
            "sift.policy.default.watched-brands", PhraseBank.load().brands().stream().map(PhraseBank.Brand::name)
                    .toList(),
            "sift.policy.default.reputation-threshold", 0.6);

    @Option(names = "--snippets", defaultValue = "2000", description = "Snippets to generate (default 2000).")
    int snippets;

    @Option(names = "--seed", defaultValue = "42", description = "Generator seed (default 42).")
    long seed;

    @Option(names = "--replay", description = "Replay snippets from a JSONL or CSV file instead of generating them.")
    Path replay;

    @Option(names = "--bundle", description = "Model bundle directory or archive (default: the default bundle).")
    Path bundle;

    @Option(names = "--precision", defaultValue = "INT8",
            description = "Of the default bundle: INT8 (its quantized twin, what gateways run; default) or FP32.")
    Precision precision;

    @Option(names = "--context",
            description = "Run the default context-aware bundle, which judges each turn with its thread's earlier"
                    + " turns, and count the relevant turns only context caught (default: the default bundle, which"
                    + " judges each snippet alone).")
    boolean context;

    /** Which form of the default bundle the demo runs. */
    enum Precision {
        /** The FP32 default bundle's dynamic INT8 twin, made once and cached next to it. */
        INT8,
        /** The FP32 default bundle, as built. */
        FP32
    }

    @Option(names = "--learn", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "After the first wave, run the learning loop (stand-in teacher, model-ops, hot swap) and "
                    + "replay a second wave on the learned model (default; --no-learn: one wave only).")
    boolean learn;

    @Option(names = "--audit-rate", defaultValue = "0.5",
            description = "Share of the dropped snippets the gateway sends to the teacher (default 0.5, so that one "
                    + "wave of 2,000 snippets teaches enough; fleets default to 0.01 of far more traffic).")
    double auditRate;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "Give up waiting for decisions after this.")
    Duration timeout;

    /**
     * @param args command line
     */
    public static void main(String[] args) {
        // Before any logger exists: the gateway's own logback.xml is for running it as a service.
        System.setProperty("logback.configurationFile", "logback-demo.xml");
        System.setProperty("java.awt.headless", "true");
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Progress progress = new ConsoleProgress();
        boolean learning = learn && replay == null;
        Steps steps = new Steps(learning ? 8 : 4);
        steps.next("model bundle");
        Optional<ModelBundle> base = bundle != null ? Optional.empty() : Optional.of(context
                ? DefaultBundle.ensureContext(progress) : DefaultBundle.ensure(progress));
        Path bundleDir = base.map(b -> inPrecision(b).directory()).orElse(bundle);
        if (base.isPresent()) {
            ModelBundle chosen = ModelBundle.open(bundleDir);
            System.out.println("      " + chosen.version() + " (" + chosen.manifest().precision() + ") at " + bundleDir);
        }
        Instant start = Instant.parse("2026-11-23T09:00:00Z");
        List<GeneratedSnippet> stream = replay != null ? SnippetFiles.read(replay)
                : new ConversationGenerator(PhraseBank.load(), seed, start).next(snippets);
        Path work = Files.createTempDirectory("sift-demo-");
        steps.next("local Kafka broker");
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().dataDir(work.resolve("kafka"))
                .deleteDataOnClose(true).build().start()) {
            System.out.println("      listening on " + broker.bootstrapServers());
            System.out.printf("      fleet policy: forward at intent score %s, negative posts about the generator's"
                    + " brands at %s, audit %s of what is dropped%n", POLICY.get("sift.policy.default.default-threshold"),
                    POLICY.get("sift.policy.default.reputation-threshold"), auditRate);
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);
            steps.next(learning ? "gateway (Kafka Streams, exactly_once_v2) and model-ops"
                    : "gateway (Kafka Streams, exactly_once_v2)");
            try (DemoLearning loop = learning ? DemoLearning.start(broker, topics, work,
                    base.map(ModelBundle::directory)) : null;
                 EmbeddedGateway gateway = EmbeddedGateway.start(gatewayConfig(broker, work, bundleDir, loop),
                         Duration.ofMinutes(2))) {
                WaveReplay replay = new WaveReplay(broker, topics, progress, timeout);
                steps.next("replaying " + stream.size() + " snippets and waiting for every decision (read_committed)");
                RunSummary before = replay.replay(stream);
                creditContext(gateway, before);
                before.print(System.out);
                if (learning) {
                    learn(loop, gateway, replay, stream, before, steps);
                }
            }
        } finally {
            deleteQuietly(work);
        }
        return 0;
    }

    /** The loop: teacher labels, model-ops ships a release, the gateway swaps, a second wave shows the change. */
    private void learn(DemoLearning loop, EmbeddedGateway gateway, WaveReplay replay, List<GeneratedSnippet> stream,
            RunSummary before, Steps steps) throws Exception {
        steps.next("the teacher labels what was forwarded and audited (" + StandInTeacher.NAME
                + ", standing in for the LLM)");
        Map<String, GeneratedSnippet> byId = new HashMap<>();
        stream.forEach(g -> byId.put(g.snippet().getSnippetId(), g));
        LabelingSummary labels = loop.label(byId);
        System.out.printf("      %,d snippets labeled, %,d dead-lettered%n", labels.labeled(),
                labels.deadLetteredTotal());
        steps.next("model-ops retrains on the labels, judges against the live model, signs and publishes");
        RunStatus run = loop.retrain();
        System.out.println("      " + run.state() + ": " + run.detail());
        if (!RunStatus.PUBLISHED.equals(run.state())) {
            System.out.println("      nothing better to ship: the gateway keeps its model");
            return;
        }
        steps.next("the gateway verifies and hot-swaps release " + run.version());
        DemoLearning.awaitLive(gateway, run.version(), Duration.ofMinutes(2));
        List<GeneratedSnippet> fresh = new ConversationGenerator(PhraseBank.load(), seed + 1,
                lastEventTime(stream).plus(Duration.ofHours(1))).next(stream.size());
        steps.next("replaying " + fresh.size() + " new snippets on the learned model");
        RunSummary after = replay.replay(fresh);
        creditContext(gateway, after);
        after.print(System.out);
        LearningReport.print(System.out, before, after, labels);
    }

    /** With a model that reads conversation context, counts the relevant turns only context caught. */
    private static void creditContext(EmbeddedGateway gateway, RunSummary summary) {
        ContextCredit.caughtOnlyWithContext(gateway.context().getBean(LiveModel.class),
                gateway.context().getBean(PolicyBook.class), summary.forwardedRelevant())
                .ifPresent(summary::caughtOnlyWithContext);
    }

    private Map<String, Object> gatewayConfig(LocalKafkaBroker broker, Path work, Path bundleDir,
            DemoLearning loop) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("kafka.streams.default.application.id", "sift-demo-" + UUID.randomUUID());
        config.put("kafka.streams.default.state.dir", work.resolve("streams").toString());
        config.put("sift.model.bundle", bundleDir.toString());
        config.put("sift.model.unpack-dir", work.resolve("bundles").toString());
        config.put("micronaut.server.port", -1);
        config.putAll(POLICY);
        config.put("sift.policy.default.audit-rate", auditRate);
        if (loop == null) {
            config.put("sift.releases.enabled", false);
        } else {
            config.putAll(loop.gatewayConfig());
        }
        return config;
    }

    private static Instant lastEventTime(List<GeneratedSnippet> stream) {
        return stream.stream().map(g -> g.snippet().getEventTime()).max(Instant::compareTo).orElse(Instant.EPOCH);
    }

    /** Numbered progress lines. */
    private static final class Steps {
        private final int total;
        private int done;

        Steps(int total) {
            this.total = total;
        }

        void next(String what) {
            done++;
            System.out.println("[" + done + "/" + total + "] " + what);
        }
    }

    /** A default bundle in the precision asked for: the INT8 twin is made on first use (seconds) and kept. */
    private ModelBundle inPrecision(ModelBundle fp32) {
        if (precision == Precision.FP32) {
            return fp32;
        }
        String version = fp32.version() + "-" + Int8Bundle.RECIPE;
        return Int8Bundle.of(fp32, version, fp32.directory().resolveSibling(version));
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // Best effort: a temporary directory.
        }
    }
}
