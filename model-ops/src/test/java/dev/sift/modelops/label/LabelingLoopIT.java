package dev.sift.modelops.label;

import static dev.sift.modelops.label.ScriptedChatServer.content;
import static dev.sift.modelops.label.ScriptedChatServer.good;
import static dev.sift.modelops.label.ScriptedChatServer.hang;
import static dev.sift.modelops.label.ScriptedChatServer.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sift.localkafka.ChildJvm;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.modelops.service.ModelOpsService;
import dev.sift.schema.LabelOrigin;
import dev.sift.schema.LlmRequest;
import dev.sift.schema.RequestKind;
import dev.sift.schema.SnippetFeedback;
import dev.sift.schema.deadletter.DeadLetterHeaders;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.kafka.TopicSnapshot;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labeler on a real broker with a scripted LLM: every request ends as exactly one feedback record or exactly one
 * dead letter with its reason, through failed commits and a labeler killed mid-batch.
 */
@ExtendWith(SharedBroker.class)
class LabelingLoopIT {

    private static LocalKafkaBroker broker;

    @TempDir
    Path dir;

    private ScriptedChatServer llm;

    @BeforeAll
    static void useBroker(LocalKafkaBroker shared) {
        broker = shared;
    }

    @BeforeEach
    void startLlm() throws Exception {
        llm = new ScriptedChatServer();
    }

    @AfterEach
    void stopLlm() {
        llm.close();
    }

    /** The scripted LLM's behaviour, chosen by a marker in the snippet text. */
    private static ScriptedChatServer.Reply byMarker(ScriptedChatServer.Call call) {
        String text = call.text();
        if (text.startsWith("[malformed]")) {
            return content("{\"intents\": [\"complaint\"], \"polarity\": ");
        }
        if (text.startsWith("[down]")) {
            return raw(503, "{\"error\": \"overloaded\"}");
        }
        if (text.startsWith("[refused]")) {
            return raw(400, "{\"error\": \"content policy\"}");
        }
        if (text.startsWith("[unknown]")) {
            return good("complaint", "loyalty_points");
        }
        if (text.startsWith("[irrelevant]")) {
            return good();
        }
        return good("refund_request");
    }

    @Test
    void shouldTurnEveryRequestIntoExactlyOneFeedbackOrDeadLetterWithItsReason() throws Exception {
        // Given forwarded and audit requests of every kind, and records that are not requests at all
        Topics topics = topics("mixed");
        List<String> markers = List.of("[good]", "[malformed]", "[down]", "[refused]", "[unknown]", "[irrelevant]");
        List<LlmRequest> forwarded = new ArrayList<>();
        List<LlmRequest> audited = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            forwarded.add(Requests.request("f-" + i, markers.get(i % markers.size()) + " forwarded " + i));
        }
        for (int i = 0; i < 6; i++) {
            audited.add(Requests.request("a-" + i, markers.get(i) + " audited " + i, RequestKind.AUDIT));
        }
        Map<String, byte[]> sent = new HashMap<>();
        produce(topics, topics.llmRequests().name(), forwarded, sent);
        produce(topics, topics.auditRequests().name(), audited, sent);
        produceRaw(topics.llmRequests().name(), "garbage-key", "not an Avro record".getBytes(StandardCharsets.UTF_8));
        produceRaw(topics.llmRequests().name(), "tombstone-key", null);
        llm.script(LabelingLoopIT::byMarker);

        // When the labeler runs to the end
        LabelerConfig config = Requests.fastConfig(llm.baseUrl());
        config.setBatchSize(7);
        config.setConcurrency(3);
        LabelerMetrics metrics = new LabelerMetrics(new SimpleMeterRegistry(), Pricing.of(config));
        new LabelingLoop(parts(topics, config, metrics, "mixed-1")).run(LabelingLoop.Mode.TO_END);

        // Then every request is either labeled or dead-lettered, exactly once
        List<ConsumerRecord<String, SnippetFeedback>> feedback = TopicSnapshot.read(topics.feedback(),
                broker.clientConfig(), Duration.ofSeconds(30));
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(topics.labelDeadLetters().name(), "read_committed");
        Map<String, Long> labeledIds = feedback.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.counting()));
        Map<String, ConsumerRecord<byte[], byte[]>> deadById = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : dead) {
            String key = letter.key() == null ? "null" : new String(letter.key(), StandardCharsets.UTF_8);
            String id = sent.entrySet().stream().filter(e -> Arrays.equals(e.getValue(), letter.value()))
                    .map(Map.Entry::getKey).findFirst().orElse(key);
            assertThat(deadById.put(id, letter)).as("one dead letter for " + id).isNull();
        }
        assertThat(labeledIds.values()).allMatch(count -> count == 1);
        assertThat(labeledIds.keySet()).doesNotContainAnyElementsOf(deadById.keySet());
        assertThat(labeledIds.size() + deadById.size()).isEqualTo(30 + 2);

        // And the good, unknown-intent and irrelevant requests are labeled, the others dead-lettered with the reason
        Map<String, String> textById = Stream.concat(forwarded.stream(), audited.stream()).collect(Collectors.toMap(
                r -> r.getSnippet().getSnippetId(), r -> r.getSnippet().getText()));
        Function<String, String> marker = id -> textById.get(id).substring(0, textById.get(id).indexOf(']') + 1);
        assertThat(labeledIds.keySet()).allSatisfy(id -> assertThat(marker.apply(id))
                .isIn("[good]", "[unknown]", "[irrelevant]"));
        assertThat(labeledIds).hasSize(15);
        assertThat(reason(deadById.get("f-1"))).isEqualTo("INVALID_ANSWER");
        assertThat(reason(deadById.get("f-2"))).isEqualTo("TEACHER_UNAVAILABLE");
        assertThat(reason(deadById.get("a-3"))).isEqualTo("REFUSED");
        assertThat(reason(deadById.get("garbage-key"))).isEqualTo("UNREADABLE_REQUEST");
        assertThat(reason(deadById.get("tombstone-key"))).isEqualTo("UNREADABLE_REQUEST");
        ConsumerRecord<byte[], byte[]> down = deadById.get("f-2");
        assertThat(header(down, DeadLetterHeaders.MESSAGE)).contains("HTTP 503").contains("after 3 attempts");
        assertThat(header(down, DeadLetterHeaders.TOPIC)).isEqualTo(topics.llmRequests().name());
        assertThat(header(down, LabelDeadLetters.ATTEMPTS)).isEqualTo("3");
        assertThat(header(down, DeadLetterHeaders.OFFSET)).matches("\\d+");
        assertThat(down.value()).isEqualTo(sent.get("f-2"));

        // And the feedback says who labeled what
        SnippetFeedback unknown = feedback.stream().filter(r -> r.key().equals("f-4")).findFirst().orElseThrow()
                .value();
        assertThat(unknown.getIntents()).containsExactly("complaint");
        assertThat(unknown.getOrigin()).isEqualTo(LabelOrigin.LLM);
        assertThat(unknown.getLabeler()).isEqualTo(ScriptedChatServer.REPORTED_MODEL);
        SnippetFeedback irrelevant = feedback.stream().filter(r -> r.key().equals("a-5")).findFirst().orElseThrow()
                .value();
        assertThat(irrelevant.getIntents()).isEmpty();

        // And the summary adds up
        LabelingSummary summary = metrics.summary(Duration.ZERO);
        assertThat(summary.labeled()).isEqualTo(15);
        assertThat(summary.deadLetteredTotal()).isEqualTo(17);
        assertThat(summary.unknownIntents()).isEqualTo(5);
        assertThat(summary.frequentUnknown()).containsEntry("loyalty_points", 5L);
        assertThat(summary.inputTokens()).isPositive();

        // And a second run finds nothing left to label
        int callsBefore = llm.calls().size();
        new LabelingLoop(parts(topics, config, metrics, "mixed-1")).run(LabelingLoop.Mode.TO_END);
        assertThat(llm.calls()).hasSize(callsBefore);
        assertThat(metrics.summary(Duration.ZERO).labeled()).isEqualTo(15);
    }

    @Test
    void shouldRollBackABatchThatCannotBeCommittedAndLoseNothing() throws Exception {
        // Given a label dead-letter topic too small for the dead letter a batch will produce
        Topics topics = topics("abort");
        try (Admin admin = Admin.create(broker.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(topics.labelDeadLetters().name(), 1, (short) 1)
                    .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2000")))).all().get();
        }
        List<LlmRequest> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            requests.add(Requests.request("g-" + i, "[good] refund " + i));
        }
        requests.add(Requests.request("d-0", "[down] " + "x".repeat(3000)));
        produce(topics, topics.llmRequests().name(), requests, new HashMap<>());
        llm.script(LabelingLoopIT::byMarker);
        LabelerConfig config = Requests.fastConfig(llm.baseUrl());
        config.setBatchSize(10);

        // When the labeler runs, its transaction fails every time
        LabelerMetrics metrics = new LabelerMetrics(new SimpleMeterRegistry(), Pricing.of(config));
        assertThatThrownBy(() -> new LabelingLoop(parts(topics, config, metrics, "abort-1"))
                .run(LabelingLoop.Mode.TO_END)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be committed 3 times");

        // Then the feedback it wrote was rolled back: in the log, but never visible to read_committed readers
        assertThat(TopicSnapshot.read(topics.feedback(), broker.clientConfig(), Duration.ofSeconds(30))).isEmpty();
        assertThat(readAll(topics.feedback().name(), "read_uncommitted")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(metrics.summary(Duration.ZERO).labeled()).isZero();

        // When the topic is fixed and the labeler runs again
        try (Admin admin = Admin.create(broker.clientConfig())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topics.labelDeadLetters().name());
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(new ConfigEntry(
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "1048588"), AlterConfigOp.OpType.SET)))).all().get();
        }
        new LabelingLoop(parts(topics, config, metrics, "abort-1")).run(LabelingLoop.Mode.TO_END);

        // Then every request is there exactly once
        List<ConsumerRecord<String, SnippetFeedback>> feedback = TopicSnapshot.read(topics.feedback(),
                broker.clientConfig(), Duration.ofSeconds(30));
        assertThat(feedback).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("g-0", "g-1", "g-2", "g-3",
                "g-4");
        assertThat(TopicSnapshot.read(topics.labelDeadLetters(), broker.clientConfig(), Duration.ofSeconds(30)))
                .hasSize(1);
    }

    @Test
    void shouldStopWithoutCommittingWhenTheTeacherRefusesTheLabeler() throws Exception {
        // Given requests and an endpoint that refuses the key
        Topics topics = topics("auth");
        produce(topics, topics.llmRequests().name(), List.of(Requests.request("k-0", "[good] refund"),
                Requests.request("k-1", "[good] refund")), new HashMap<>());
        llm.sequence(raw(401, "{\"error\": \"invalid key\"}"));
        LabelerConfig config = Requests.fastConfig(llm.baseUrl());
        LabelerMetrics metrics = new LabelerMetrics(new SimpleMeterRegistry(), Pricing.of(config));

        // When the labeler runs
        assertThatThrownBy(() -> new LabelingLoop(parts(topics, config, metrics, "auth-1"))
                .run(LabelingLoop.Mode.TO_END)).isInstanceOf(LabelingException.class)
                .hasMessageContaining("MISCONFIGURED");

        // Then nothing was dead-lettered or committed, and a fixed labeler labels everything
        assertThat(TopicSnapshot.read(topics.labelDeadLetters(), broker.clientConfig(), Duration.ofSeconds(30)))
                .isEmpty();
        llm.script(LabelingLoopIT::byMarker);
        new LabelingLoop(parts(topics, config, metrics, "auth-1")).run(LabelingLoop.Mode.TO_END);
        assertThat(TopicSnapshot.read(topics.feedback(), broker.clientConfig(), Duration.ofSeconds(30)))
                .extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k-0", "k-1");
    }

    @Test
    void shouldNeitherLoseNorDuplicateWhenTheLabelerIsKilledMidBatch() throws Exception {
        // Given 20 requests and an LLM that answers 11 calls, then holds every later call
        Topics topics = topics("crash");
        List<LlmRequest> requests = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            requests.add(Requests.request("c-" + i, "[good] refund " + i));
        }
        produce(topics, topics.llmRequests().name(), requests, new HashMap<>());
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
        llm.script(call -> answered.incrementAndGet() <= 11 ? good("refund_request") : hang());

        // When `model-ops label` runs in its own JVM and is killed with SIGKILL in its second batch
        try (ChildJvm first = labelerJvm(topics, "first").start()) {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() ->
                    llm.hanging() > 0 && !committedFeedback(topics).isEmpty());
            first.kill();
        }
        int committedBefore = committedFeedback(topics).size();
        assertThat(committedBefore).isBetween(1, 11);

        // And restarted with the same instance id while the LLM answers everything
        int callsBefore = llm.calls().size();
        llm.script(call -> good("refund_request"));
        llm.releaseHung();
        try (ChildJvm second = labelerJvm(topics, "second").start()) {
            assertThat(second.process().waitFor(90, TimeUnit.SECONDS)).as(second.logTail(40)).isTrue();
            assertThat(second.process().exitValue()).as(second.logTail(40)).isZero();
            assertThat(second.logTail(20)).contains("Sift labeler summary");
        }

        // Then every request has exactly one committed feedback record, and only the uncommitted ones were asked again
        List<ConsumerRecord<String, SnippetFeedback>> feedback = committedFeedback(topics);
        Map<String, Long> perSnippet = feedback.stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.counting()));
        assertThat(perSnippet).hasSize(20);
        assertThat(perSnippet.values()).allMatch(count -> count == 1);
        assertThat(llm.calls().size() - callsBefore).isEqualTo(20 - committedBefore);
    }

    @Test
    void shouldLabelInsideTheModelOpsServiceAndExposeItsMeters() throws Exception {
        // Given forwarded requests and the service configured to label them
        Topics topics = topics("service");
        produce(topics, topics.llmRequests().name(), List.of(Requests.request("v-0", "[good] refund"),
                Requests.request("v-1", "[unknown] useless"), Requests.request("v-2", "[irrelevant] hi")),
                new HashMap<>());
        llm.script(LabelingLoopIT::byMarker);
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("micronaut.server.port", -1);
        config.put("sift.model-ops.schedule.enabled", false);
        config.put("sift.labeler.enabled", true);
        config.put("sift.labeler.base-url", llm.baseUrl());
        config.put("sift.labeler.instance-id", "service-test");
        config.put("sift.labeler.requests-per-second", 0);
        config.put("sift.model-ops.read-token", "scraper-token");
        topics.names().asProperties().forEach((key, name) -> config.put("sift.topics." + key, name));

        // When model-ops serve runs
        try (ApplicationContext service = ModelOpsService.start(config)) {
            // Then the requests are labeled
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> committedFeedback(topics).size() == 3);
            assertThat(service.getBean(LabelerService.class).running()).isTrue();

            // And the labeler's meters are scraped with the service's
            int port = service.getBean(EmbeddedServer.class).getPort();
            String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/prometheus"))
                    .header("Authorization", "Bearer scraper-token").build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scraped).contains("sift_labeler_labeled_total 3.0")
                    .contains("sift_labeler_dead_letters_total{reason=\"invalid_answer\"")
                    .contains("sift_labeler_tokens_total").contains("sift_labeler_unknown_intents_total")
                    .contains("sift_labeler_running");
        }
    }

    private ChildJvm labelerJvm(Topics topics, String run) {
        List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        topics.names().asProperties().forEach((key, name) -> options.add("-Dsift.topics." + key + "=" + name));
        options.add("-Dsift.labeler.requests-per-second=0");
        options.add("-Dsift.labeler.tokens-per-minute=0");
        return ChildJvm.builder("labeler-" + run)
                .classpath(Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator)))
                .mainClass("dev.sift.modelops.cli.ModelOpsCli")
                .jvmOptions(options)
                .arguments(List.of("label", "--bootstrap-servers", broker.bootstrapServers(), "--base-url",
                        llm.baseUrl(), "--model", "gpt-test", "--instance-id", "crash-test", "--batch-size", "8",
                        "--concurrency", "2"))
                .environment(LabelerConfig.API_KEY_VARIABLE, "sk-crash-test")
                .logFile(dir.resolve("labeler-" + run + ".log"))
                .build();
    }

    private static List<ConsumerRecord<String, SnippetFeedback>> committedFeedback(Topics topics) {
        return TopicSnapshot.read(topics.feedback(), broker.clientConfig(), Duration.ofSeconds(30));
    }

    private static Topics topics(String prefix) {
        Topics topics = new Topics(TopicNames.defaults().prefixed(prefix));
        new TopicProvisioner(broker.clientConfig()).ensure(List.of(topics.llmRequests(), topics.auditRequests()), 2,
                (short) 1);
        return topics;
    }

    private static LabelingLoop.Parts parts(Topics topics, LabelerConfig config, LabelerMetrics metrics,
            String instance) {
        IntentCatalogue catalogue = IntentCatalogue.defaults();
        new TopicProvisioner(broker.clientConfig()).ensure(List.of(topics.feedback(), topics.labelDeadLetters()), 2,
                (short) 1);
        Teacher teacher = new ChatCompletionsTeacher(config, new PromptTemplate(PromptTemplate.defaultTemplate(),
                catalogue, config.getMaxSnippetChars()), ApiKey.of("sk-it"), metrics);
        return new LabelingLoop.Parts(teacher, new FeedbackFactory(catalogue, Clock.systemUTC()), topics,
                broker.clientConfig(), config, instance, metrics);
    }

    private static void produce(Topics topics, String topic, List<LlmRequest> requests, Map<String, byte[]> sent)
            throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (LlmRequest request : requests) {
                byte[] value = topics.llmRequests().valueSerde().serializer().serialize(topic, request);
                sent.put(request.getSnippet().getSnippetId(), value);
                producer.send(new ProducerRecord<>(topic, request.getSnippet().getConversationId()
                        .getBytes(StandardCharsets.UTF_8), value)).get();
            }
        }
    }

    private static void produceRaw(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }

    private static Properties producerProps() {
        Properties props = new Properties();
        props.putAll(broker.clientConfig());
        props.put("acks", "all");
        return props;
    }

    /**
     * Every record of a topic up to its end, null values included; with {@code read_uncommitted}, those of aborted
     * transactions too.
     */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolation) {
        Properties props = new Properties();
        props.putAll(broker.clientConfig());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    private static String reason(ConsumerRecord<byte[], byte[]> letter) {
        assertThat(letter).as("dead letter").isNotNull();
        return header(letter, LabelDeadLetters.FAILURE);
    }

    private static String header(ConsumerRecord<byte[], byte[]> letter, String name) {
        Header header = letter.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
