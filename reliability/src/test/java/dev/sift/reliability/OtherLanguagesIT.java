package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.learning.Checked;
import dev.sift.modelops.learning.FeedbackValidator;
import dev.sift.modelops.learning.RecordLimits;
import dev.sift.modelops.learning.SnippetLabel;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.deadletter.DeadLetterHeaders;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.serde.AvroSerde;
import dev.sift.schema.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Platforms and LLM consumers in other languages, with the tools the README tells them to use: {@code kcat}
 * producing JSON snippets, the Python example producing Avro single-object snippets with Debian's python3-avro
 * (fingerprinted with that library's own canonical form), and the Python reference LLM consumer reading the
 * forwarded requests, asking a chat-completions endpoint and writing feedback that model-ops' validator accepts.
 * Bad records in each format land in the dead-letter topic with their precise reason. One broker and one gateway
 * JVM (accepting Avro single-object, JSON and the registry framing; writing decisions as JSON) for all.
 */
class OtherLanguagesIT {

    private static final Path EXAMPLES = Path.of("..", "examples", "python").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DECIDED_WITHIN = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static LocalKafkaBroker broker;
    private static RegistryServer registry;
    private static GatewayFleet gateway;
    private static Topics topics;
    private static KafkaTestClient kafka;

    @BeforeAll
    static void startBrokerAndGateway() throws Exception {
        long start = System.nanoTime();
        ExternalTool.requireInstalled();
        broker = LocalKafkaBroker.builder().build().start();
        registry = new RegistryServer(Map.of(1, ConversationSnippet.getClassSchema()));
        topics = Topics.withDefaultNames();
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 2, (short) 1);
        kafka = new KafkaTestClient(broker.clientConfig());
        gateway = GatewayFleet.start(broker, 1, dir, Map.of(
                "kafka.streams.default.application.id", "other-languages",
                "sift.model.bundle", TestBundles.defaultBundle().directory().toString(),
                "sift.releases.enabled", "false",
                "sift.batching.max-wait", "1ms",
                "sift.formats.snippets-accepted", "AVRO_SINGLE_OBJECT,JSON,AVRO_REGISTRY",
                "sift.formats.registry.url", registry.url(),
                "sift.formats.decisions-written", "JSON"));
        System.out.printf("OTHER-LANGUAGES: broker and gateway up in %d s%n",
                Duration.ofNanos(System.nanoTime() - start).toSeconds());
    }

    @AfterAll
    static void stopAll() {
        if (gateway != null) {
            gateway.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldDecideSnippetsFromKcatAndPythonAndLabelTheForwardedOnesWithThePythonConsumer() throws Exception {
        // Given JSON snippets produced with kcat, as the README's one-liner does
        String kcatLines = String.join("\n",
                "c-kcat-1\t" + snippetJson("kcat-1", "c-kcat-1", "I was charged twice for my order, I want a refund"),
                "c-kcat-2\t" + snippetJson("kcat-2", "c-kcat-2", "cancel my subscription right now, this is useless"),
                "c-kcat-1\t" + snippetJson("kcat-3", "c-kcat-1", "thanks, have a nice day")) + "\n";
        ExternalTool.Result kcat = ExternalTool.run(List.of(ExternalTool.KCAT, "-P", "-b", broker.bootstrapServers(),
                "-t", topics.snippets().name(), "-K", "\\t", "-X", "partitioner=murmur2_random"), kcatLines,
                Duration.ofSeconds(30), null);
        assertThat(kcat.exit()).as("kcat: " + kcat.output()).isZero();

        // And Avro snippets produced by the Python example with python3-avro's own canonical form
        String pythonLines = String.join("\n",
                "{\"snippetId\":\"py-1\",\"conversationId\":\"c-py-1\",\"text\":\"I need a refund for the double"
                        + " charge on my card\",\"tenant\":\"acme\"}",
                "{\"snippetId\":\"py-2\",\"conversationId\":\"c-py-1\",\"text\":\"let me speak to a human agent"
                        + " please\",\"speaker\":{\"id\":\"u-2\",\"role\":\"CUSTOMER\"}}",
                "{\"snippetId\":\"py-3\",\"conversationId\":\"c-py-2\",\"text\":\"ok\"}") + "\n";
        ExternalTool.Result producer = ExternalTool.run(List.of(ExternalTool.PYTHON, "produce_snippets.py",
                "--bootstrap", broker.bootstrapServers()), pythonLines, Duration.ofSeconds(60), EXAMPLES);
        assertThat(producer.exit()).as("producer: " + producer.output()).isZero();

        // When the gateway decides them (decisions written as JSON, read back with kcat)
        Set<String> ids = Set.of("kcat-1", "kcat-2", "kcat-3", "py-1", "py-2", "py-3");
        Map<String, JsonNode> decisions = new HashMap<>();
        await().atMost(DECIDED_WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            decisions.putAll(jsonDecisions());
            return decisions.keySet().containsAll(ids);
        });

        // Then every snippet was decided once, and some were forwarded
        assertThat(decisions.keySet()).containsAll(ids);
        assertThat(ids.stream().filter(id -> decisions.get(id).path("forwarded").asBoolean()))
                .as("forwarded snippets").isNotEmpty();
        // The consumer reads the whole topic: the other test's snippets may be there too
        List<String> forwarded = decisions.values().stream().filter(d -> d.path("forwarded").asBoolean())
                .map(d -> d.path("snippetId").asText()).sorted().toList();

        // When the Python reference consumer labels the forwarded requests with an LLM
        try (ChatCompletionsServer llm = new ChatCompletionsServer()) {
            ExternalTool.Result consumer = ExternalTool.run(List.of(ExternalTool.PYTHON, "llm_consumer.py",
                    "--bootstrap", broker.bootstrapServers(), "--llm-url", llm.baseUrl(), "--model", "test-llm",
                    "--max-requests", Integer.toString(forwarded.size()), "--idle-seconds", "20"), null,
                    Duration.ofSeconds(60), EXAMPLES);
            assertThat(consumer.exit()).as("consumer: " + consumer.output()).isZero();

            // Then the LLM was asked about each forwarded snippet's text
            assertThat(llm.asked()).hasSize(forwarded.size());
        }

        // And model-ops reads and accepts the feedback it wrote
        List<ConsumerRecord<String, SnippetFeedback>> feedback = kafka.readCommitted(topics.feedback(),
                forwarded.size(), Duration.ofSeconds(30));
        FeedbackValidator validator = new FeedbackValidator(new RecordLimits(32, 256, 65_536, Duration.ofMinutes(5)));
        List<SnippetLabel> labels = new ArrayList<>();
        for (ConsumerRecord<String, SnippetFeedback> record : feedback) {
            Checked<SnippetLabel> checked = validator.check(record.value(), record.timestamp(), Instant.now());
            assertThat(checked.refusal()).as("refusal of " + record.value()).isNull();
            labels.add(checked.value());
        }
        assertThat(labels).extracting(SnippetLabel::snippetId).containsExactlyInAnyOrderElementsOf(forwarded);
        assertThat(labels).allSatisfy(label -> {
            assertThat(label.intents()).containsExactly("refund_request");
            assertThat(label.origin()).isEqualTo(LabelOrigin.LLM);
            assertThat(label.labeler()).isEqualTo("test-llm");
        });
    }

    @Test
    void shouldDeadLetterBadRecordsOfEveryFormatWithAPreciseReason() throws Exception {
        // Given a registry-framed snippet of a known id, and bad records of each format
        byte[] snippetAvro = AvroSerde.of(ConversationSnippet.class)
                .serialize("t", Snippets.snippet("reg-1", "c-reg-1", "I want my money back"));
        Map<String, byte[]> records = new HashMap<>();
        records.put("c-reg-1", registryFramed(1, Snippets.snippet("reg-1", "c-reg-1", "I want my money back")));
        records.put("invalid-json", "{\"snippetId\":\"j-1\",".getBytes(StandardCharsets.UTF_8));
        records.put("json-against-schema", snippetJson("j-2", "c-j-2", "hello").replace("1700000000000",
                "\"yesterday\"").getBytes(StandardCharsets.UTF_8));
        records.put("unknown-registry-id", registryFramed(4242,
                Snippets.snippet("reg-2", "c-reg-2", "I want my money back")));
        byte[] otherBody = new byte[] {2, 'x', 2, 'y'};
        byte[] otherSchema = new byte[10 + otherBody.length];
        System.arraycopy(snippetAvro, 0, otherSchema, 0, 10);
        System.arraycopy(otherBody, 0, otherSchema, 10, otherBody.length);
        records.put("another-schema-known-fingerprint", otherSchema);

        // When they are produced
        try (KafkaProducer<String, byte[]> producer = kafka.producer(new StringSerializer(),
                new ByteArraySerializer())) {
            for (Map.Entry<String, byte[]> record : records.entrySet()) {
                producer.send(new ProducerRecord<>(topics.snippets().name(), record.getKey(), record.getValue()));
            }
            producer.flush();
        }

        // Then the registry-framed one is decided, and each bad one dead-lettered with its reason
        await().atMost(DECIDED_WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> jsonDecisions().containsKey("reg-1"));
        Map<String, String> reasons = kafka.readCommitted(topics.deadLetters(), 4, Duration.ofSeconds(30)).stream()
                .collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8),
                        r -> new String(r.headers().lastHeader(DeadLetterHeaders.MESSAGE).value(),
                                StandardCharsets.UTF_8), (a, b) -> a));
        assertThat(reasons).containsOnlyKeys("invalid-json", "json-against-schema", "unknown-registry-id",
                "another-schema-known-fingerprint");
        assertThat(reasons.get("invalid-json")).startsWith("not valid JSON (ConversationSnippet record of 19 bytes)");
        assertThat(reasons.get("json-against-schema")).isEqualTo("JSON ConversationSnippet record has a string in"
                + " eventTime, expected an integer (64-bit, timestamp-millis)");
        assertThat(reasons.get("unknown-registry-id")).isEqualTo("unknown schema registry id 4242: the registry "
                + registry.url() + " has no schema of that id");
        assertThat(reasons.get("another-schema-known-fingerprint")).contains("not a record of the writer schema its framing names: fingerprint 93f6b683c7a73425");
    }

    /** The decisions written so far, read as JSON with kcat, by snippet id. */
    private static Map<String, JsonNode> jsonDecisions() throws IOException, InterruptedException {
        ExternalTool.Result read = ExternalTool.run(List.of(ExternalTool.KCAT, "-C", "-b", broker.bootstrapServers(),
                "-t", topics.decisions().name(), "-o", "beginning", "-e", "-q", "-X", "isolation.level=read_committed"),
                null, Duration.ofSeconds(30), null);
        assertThat(read.exit()).as("kcat: " + read.output()).isZero();
        Map<String, JsonNode> decisions = new HashMap<>();
        for (String line : read.output().split("\n")) {
            if (line.startsWith("{")) {
                JsonNode decision = JSON.readTree(line);
                decisions.put(decision.path("snippetId").asText(), decision);
            }
        }
        return decisions;
    }

    private static String snippetJson(String id, String conversation, String text) throws IOException {
        return JSON.writeValueAsString(JSON.createObjectNode().put("snippetId", id).put("conversationId", conversation)
                .put("tenant", "acme").put("channel", "chat")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("speaker", JSON.createObjectNode().put("id", "u-1")
                        .put("role", "CUSTOMER"))
                .put("text", text).put("eventTime", 1_700_000_000_000L));
    }

    /** A snippet framed as Confluent's serializer frames it: 00, the schema id big-endian, the binary record. */
    private static byte[] registryFramed(int id, ConversationSnippet snippet) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new SpecificDatumWriter<>(ConversationSnippet.class).write(snippet, encoder);
        return out.toByteArray();
    }
}
