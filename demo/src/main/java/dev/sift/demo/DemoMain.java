package dev.sift.demo;

import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.gateway.EmbeddedGateway;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.ConsoleProgress;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.optimize.Int8Bundle;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.kafka.KafkaClients;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
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

    /** Which form of the default bundle the demo runs. */
    enum Precision {
        /** The FP32 default bundle's dynamic INT8 twin, made once and cached next to it. */
        INT8,
        /** The FP32 default bundle, as built. */
        FP32
    }

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
        System.out.println("[1/5] model bundle");
        Path bundleDir = bundle != null ? bundle : defaultBundle(progress).directory();
        if (bundle == null) {
            ModelBundle chosen = ModelBundle.open(bundleDir);
            System.out.println("      " + chosen.version() + " (" + chosen.manifest().precision() + ") at " + bundleDir);
        }
        List<GeneratedSnippet> stream = replay != null ? SnippetFiles.read(replay)
                : new ConversationGenerator(PhraseBank.load(), seed, Instant.parse("2026-11-23T09:00:00Z"))
                        .next(snippets);
        Path work = Files.createTempDirectory("sift-demo-");
        System.out.println("[2/5] local Kafka broker");
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().dataDir(work.resolve("kafka"))
                .deleteDataOnClose(true).build().start()) {
            System.out.println("      listening on " + broker.bootstrapServers());
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);
            System.out.println("[3/5] gateway (Kafka Streams, exactly_once_v2)");
            Map<String, Object> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
            config.put("kafka.streams.default.application.id", "sift-demo-" + UUID.randomUUID());
            config.put("kafka.streams.default.state.dir", work.resolve("streams").toString());
            config.put("sift.model.bundle", bundleDir.toString());
            config.put("sift.model.unpack-dir", work.resolve("bundles").toString());
            config.put("micronaut.server.port", -1);
            try (EmbeddedGateway gateway = EmbeddedGateway.start(config, Duration.ofMinutes(2))) {
                RunSummary summary = new RunSummary();
                Map<String, Long> sentAt = new HashMap<>();
                Map<String, GeneratedSnippet> truth = new HashMap<>();
                System.out.println("[4/5] replaying " + stream.size() + " snippets");
                produce(broker, topics, stream, sentAt, truth, summary, progress);
                System.out.println("[5/5] waiting for every decision (read_committed)");
                consume(broker, topics, stream.size(), sentAt, truth, summary, progress);
                summary.print(System.out);
            }
        } finally {
            deleteQuietly(work);
        }
        return 0;
    }

    /** The default bundle in the precision asked for: the INT8 twin is made on first use (seconds) and kept. */
    private ModelBundle defaultBundle(Progress progress) {
        ModelBundle fp32 = DefaultBundle.ensure(progress);
        if (precision == Precision.FP32) {
            return fp32;
        }
        String version = fp32.version() + "-" + Int8Bundle.RECIPE;
        return Int8Bundle.of(fp32, version, fp32.directory().resolveSibling(version));
    }

    private void produce(LocalKafkaBroker broker, Topics topics, List<GeneratedSnippet> stream,
            Map<String, Long> sentAt, Map<String, GeneratedSnippet> truth, RunSummary summary, Progress progress) {
        Map<String, Object> props = broker.clientConfig();
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, ConversationSnippet> producer = KafkaClients.reliableProducer(props,
                topics.snippets().keySerde().serializer(), topics.snippets().valueSerde().serializer());
             Progress.Task task = progress.start("Producing snippets", stream.size())) {
            for (GeneratedSnippet g : stream) {
                ConversationSnippet s = g.snippet();
                long now = System.currentTimeMillis();
                sentAt.put(s.getSnippetId(), now);
                truth.put(s.getSnippetId(), g);
                summary.sent(now);
                producer.send(new ProducerRecord<>(topics.snippets().name(), s.getConversationId(), s),
                        (metadata, error) -> {
                            if (error != null) {
                                throw new IllegalStateException("could not produce a snippet", error);
                            }
                        });
                task.step();
            }
            producer.flush();
        }
    }

    private void consume(LocalKafkaBroker broker, Topics topics, int expected, Map<String, Long> sentAt,
            Map<String, GeneratedSnippet> truth, RunSummary summary, Progress progress) {
        Map<String, Object> props = broker.clientConfig();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "sift-demo-summary");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, FilterDecision> consumer = new KafkaConsumer<>(props,
                topics.decisions().keySerde().deserializer(), topics.decisions().valueSerde().deserializer());
             Progress.Task task = progress.start("Decisions", expected)) {
            consumer.subscribe(List.of(topics.decisions().name()));
            while (summary.decided() < expected) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("only " + summary.decided() + " of " + expected
                            + " snippets were decided within " + timeout);
                }
                for (ConsumerRecord<String, FilterDecision> record : consumer.poll(Duration.ofMillis(200))) {
                    long now = System.currentTimeMillis();
                    FilterDecision d = record.value();
                    summary.decided(d, truth.get(d.getSnippetId()), sentAt.getOrDefault(d.getSnippetId(), now), now);
                    task.step();
                }
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // Best effort: a temporary directory.
        }
    }
}
