package dev.sift.benchmarks.dialogue;

import dev.sift.benchmarks.pipeline.GatewayLaunch;
import dev.sift.classifier.context.TurnRole;
import dev.sift.localkafka.FreePorts;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.Speaker;
import dev.sift.schema.SpeakerRole;
import dev.sift.schema.kafka.KafkaClients;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.TopicRole;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Replays dialogues through a gateway JVM on a real broker: every turn of every dialogue, customer and service side,
 * keyed by its dialogue, with {@link #CONCURRENT} dialogues interleaved at random (seeded) as on a live platform,
 * then reads every committed decision ({@code read_committed}, as the LLM side reads).
 */
public final class DialogueReplay {

    /** Dialogues running at once, their turns interleaved. */
    public static final int CONCURRENT = 16;
    private static final int PARTITIONS = 4;

    private final LocalKafkaBroker broker;
    private final GatewayLaunch launch;
    private final Path work;

    /**
     * @param broker the broker
     * @param launch the gateway's code and JVM flags
     * @param work folder for state and logs
     */
    public DialogueReplay(LocalKafkaBroker broker, GatewayLaunch launch, Path work) {
        this.broker = broker;
        this.launch = launch;
        this.work = work;
    }

    /**
     * @param bundle the model bundle the gateway runs
     * @param dialogues what to replay
     * @param seed seed of the interleaving
     * @param progress told how many decisions have arrived
     * @return every turn's decision, by snippet id
     */
    public Map<String, FilterDecision> run(Path bundle, List<ReplayedDialogue> dialogues, long seed,
            IntConsumer progress) {
        String id = "dialogues-" + System.currentTimeMillis();
        Topics topics = new Topics(TopicNames.defaults().with(TopicRole.SNIPPETS, id + ".snippets")
                .with(TopicRole.DECISIONS, id + ".decisions").with(TopicRole.LLM_REQUESTS, id + ".llm-requests")
                .with(TopicRole.AUDIT_REQUESTS, id + ".audit-requests")
                .with(TopicRole.DEAD_LETTERS, id + ".dead-letters"));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), PARTITIONS, (short) 1);
        int total = dialogues.stream().mapToInt(d -> d.turns().size()).sum();
        try (GatewayProcess gateway = gateway(id, bundle, topics).start(Duration.ofMinutes(3))) {
            produce(topics, dialogues, seed);
            return read(topics, total, progress, gateway);
        }
    }

    private GatewayProcess gateway(String id, Path bundle, Topics topics) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("kafka.bootstrap.servers", broker.bootstrapServers());
        props.put("kafka.streams.default.application.id", id);
        props.put("kafka.streams.default.state.dir", work.resolve(id + "-state").toString());
        props.put("sift.model.bundle", bundle.toAbsolutePath().toString());
        props.put("sift.model.unpack-dir", work.resolve(id + "-bundles").toString());
        props.put("sift.releases.enabled", "false");
        // Every intent's score on every decision, so each can be compared with the offline one.
        props.put("sift.decisions.min-intent-score", "0");
        topics.names().asProperties().forEach((key, name) -> props.put("sift.topics." + key, name));
        return new GatewayProcess(id, launch.classpath(), props, FreePorts.next(), work.resolve(id + ".log"),
                launch.jvmOptions(), launch.environment());
    }

    private void produce(Topics topics, List<ReplayedDialogue> dialogues, long seed) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Random random = new Random(seed);
        long clock = Instant.parse("2026-12-01T09:00:00Z").toEpochMilli();
        List<int[]> active = new ArrayList<>();
        int next = 0;
        try (KafkaProducer<String, ConversationSnippet> producer = new KafkaProducer<>(config,
                topics.snippets().keySerde().serializer(), topics.snippets().valueSerde().serializer())) {
            while (next < dialogues.size() || !active.isEmpty()) {
                while (active.size() < CONCURRENT && next < dialogues.size()) {
                    active.add(new int[] {next++, 0});
                }
                int[] cursor = active.get(random.nextInt(active.size()));
                ReplayedDialogue dialogue = dialogues.get(cursor[0]);
                ReplayedDialogue.Turn turn = dialogue.turns().get(cursor[1]);
                clock += 500 + random.nextInt(4_000);
                producer.send(new ProducerRecord<>(topics.snippets().name(), dialogue.id(),
                        snippet(dialogue, cursor[1], turn, clock)));
                if (++cursor[1] == dialogue.turns().size()) {
                    active.remove(cursor);
                }
            }
            producer.flush();
        }
    }

    private static ConversationSnippet snippet(ReplayedDialogue dialogue, int index, ReplayedDialogue.Turn turn,
            long eventMillis) {
        boolean customer = turn.spoken().role() == TurnRole.CUSTOMER;
        return ConversationSnippet.newBuilder()
                .setSnippetId(dialogue.snippetId(index)).setConversationId(dialogue.id()).setTenant("sgd")
                .setChannel("chat")
                .setSpeaker(Speaker.newBuilder().setId(customer ? "user" : "system")
                        .setRole(customer ? SpeakerRole.CUSTOMER : SpeakerRole.AGENT).build())
                .setText(turn.spoken().text()).setEventTime(Instant.ofEpochMilli(eventMillis)).build();
    }

    private Map<String, FilterDecision> read(Topics topics, int total, IntConsumer progress,
            GatewayProcess gateway) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, FilterDecision> decisions = new HashMap<>();
        try (KafkaConsumer<String, FilterDecision> consumer = KafkaClients.committedReader(config,
                topics.decisions().keySerde().deserializer(), topics.decisions().valueSerde().deserializer())) {
            List<TopicPartition> all = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                all.add(new TopicPartition(topics.decisions().name(), p));
            }
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Instant quiet = Instant.now().plus(Duration.ofMinutes(2));
            while (decisions.size() < total) {
                int before = decisions.size();
                for (ConsumerRecord<String, FilterDecision> r : consumer.poll(Duration.ofMillis(200))) {
                    decisions.put(r.value().getSnippetId(), r.value());
                }
                if (decisions.size() > before) {
                    progress.accept(decisions.size());
                    quiet = Instant.now().plus(Duration.ofMinutes(2));
                } else if (Instant.now().isAfter(quiet) || !gateway.isRunning()) {
                    throw new IllegalStateException(decisions.size() + " of " + total + " decisions, then none for"
                            + " two minutes (gateway log: " + gateway.logFile() + ")");
                }
            }
        }
        return decisions;
    }
}
