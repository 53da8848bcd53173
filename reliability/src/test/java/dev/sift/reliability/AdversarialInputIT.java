package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.Http;
import dev.sift.gateway.support.InProcessGateway;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.schema.ConversationSnippet;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An untrusted platform at its worst: one gateway JVM with the recommended flags (128 MB heap, exit on
 * OutOfMemoryError) owns every partition of the snippets topic while good snippets are interleaved with records of
 * every {@link BadInput} kind, the large ones as large as the topic accepts (huge or countless headers, countless or
 * huge brand hints and metadata, huge ids, huge text), and bursts of the largest records land on every partition at
 * once. Each bad record must be dead-lettered once with its reason, each good snippet decided once and in
 * conversation order, and the gateway must neither exit nor lose a stream thread, and stay healthy. And the other
 * side: when stream threads do keep failing (here an output topic that refuses every decision), the gateway says so
 * on {@code /health} until processing resumes. One broker for both.
 */
class AdversarialInputIT {

    private static final int PARTITIONS = 6;
    private static final int GOOD_SNIPPETS = 1_200;
    private static final int CONVERSATIONS = 60;
    private static final int RECORDS_PER_SECOND = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");

    private static LocalKafkaBroker broker;
    private static String bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        bundle = TestBundles.int8(Path.of("target", "bundles"), "adversarial-int8").directory().toString();
        // Sessions as short as 3 s for the health run (Kafka's default minimum is 6 s)
        broker = LocalKafkaBroker.builder().brokerProperty("group.min.session.timeout.ms", "3000").build().start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldDeadLetterEveryAdversarialRecordAndDecideEveryGoodSnippetWithoutLosingAThread() throws Exception {
        Map<String, String> config = Map.of(
                "kafka.streams.default.application.id", "adversarial-input",
                "sift.model.bundle", bundle,
                "sift.releases.enabled", "false");
        Topics topics = Topics.withDefaultNames();
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), PARTITIONS, (short) 1);
        try (GatewayFleet fleet = GatewayFleet.start(broker, 0, 1, dir, config,
                List.of("-Xlog:gc:file=" + dir.resolve("gc-{i}.log")));
                DeliveryCheck check = DeliveryCheck.start(broker.clientConfig(), topics)) {
            GatewayProcess gateway = fleet.gateways().get(0);
            // Given good snippets with bad records of every kind in between, a large one every fourth
            List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).toList();
            KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
            TrafficDriver driver = new TrafficDriver(topics.snippets(), kafka, texts, GOOD_SNIPPETS,
                    CONVERSATIONS, RECORDS_PER_SECOND, 4, BadInput.rotation(4)).start();
            Instant begin = Instant.now();

            // When the largest records land on every partition at once, of each kind the topic takes at its limit
            driver.burst(BadInput.OVERSIZED_RECORD, PARTITIONS, 2);
            driver.burst(BadInput.HUGE_HEADERS, PARTITIONS, 2);
            driver.burst(BadInput.COUNTLESS_HEADERS, PARTITIONS, 2);
            driver.burst(BadInput.COUNTLESS_BRAND_HINTS, PARTITIONS, 2);
            driver.await(Duration.ofMinutes(5));
            assertThat(driver.sendErrors()).as("records the driver could not send").isEmpty();

            // Then each good snippet was decided once, in order, and each bad one dead-lettered with its reason
            DeliveryCheck.Figures figures = check.verify(driver, Duration.ofMinutes(3));
            assertThat(figures.decided()).isEqualTo(GOOD_SNIPPETS);
            assertThat(figures.deadByKind()).as("kinds dead-lettered").hasSize(BadInput.values().length);

            // And the gateway never exited, never lost a stream thread, is healthy, and its heap held
            String log = Files.readString(gateway.logFile());
            assertThat(gateway.isRunning()).as("gateway alive").isTrue();
            assertThat(log).as("gateway log").doesNotContain("OutOfMemoryError")
                    .doesNotContain("stream thread failed");
            assertThat(new Http(gateway.httpPort()).text("/prometheus", GatewayFleet.READ_TOKEN))
                    .as("stream thread failures")
                    .contains("sift_stream_thread_failures_total 0.0");
            assertThat(gateway.get("/health").body()).contains("\"UP\"");
            HeapFigures heap = heapFigures(dir.resolve("gc-0.log"));
            // Expected at most ~90 MB: ~28 MB of the gateway's own, a record's parsed headers (24 MB at the topic's
            // limit) on each of two stream threads, two records per partition queued or fetched
            assertThat(heap.liveAfterFullMb()).as("heap live after a full collection, of 128 MB").isLessThan(104);
            System.out.printf("ADVERSARIAL-INPUT FIGURES: %d good snippets decided exactly once and in"
                    + " conversation order (%d forwarded); %d bad records dead-lettered exactly once with their"
                    + " reason %s; heap %s; %d s%n", figures.decided(), figures.forwarded(),
                    figures.deadLettered(), figures.deadByKind(), heap,
                    Duration.between(begin, Instant.now()).toSeconds());
        } finally {
            keepLogs("adversarial-input");
        }
    }

    @Test
    void shouldReportUnhealthyWhileStreamThreadsKeepFailingAndHealthyOnceProcessingResumes() throws Exception {
        // Given a gateway on its own topics, deciding snippets
        Topics topics = new Topics(InProcessGateway.prefixed("thread-health"));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 2, (short) 1);
        Map<String, String> config = new HashMap<>(Map.of(
                "kafka.streams.default.application.id", "thread-health",
                "sift.model.bundle", bundle,
                "sift.releases.enabled", "false",
                // A replacement thread waits out the failed one's session: 3 s (this broker's minimum), not 45 s
                "kafka.streams.default.session.timeout.ms", "3000",
                "kafka.streams.default.heartbeat.interval.ms", "1000",
                // Healthy again after 6 s without a failure: longer than the ~4 s between failures
                "sift.health.recovery", "6s"));
        topicNames(topics).forEach((setting, name) -> config.put("sift.topics." + setting, name));
        KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
        try (GatewayFleet fleet = GatewayFleet.start(broker, 0, 1, dir, config);
                Admin admin = Admin.create(broker.clientConfig())) {
            GatewayProcess gateway = fleet.gateways().get(0);
            List<String> sent = new ArrayList<>(send(kafka, topics, 0, 10));
            assertThat(decided(kafka, topics, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(health(gateway).path("status").asText()).isEqualTo("UP");

            // When the decisions topic takes records of 100 bytes at most, so every decision fails its send
            maxMessageBytes(admin, topics.decisions().name(), 100);
            sent.addAll(send(kafka, topics, 10, 10));

            // Then the gateway is unhealthy, naming the failure
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> health(gateway).path("status").asText().equals("DOWN"));
            JsonNode threads = health(gateway).path("details").path("stream-threads");
            assertThat(threads.path("status").asText()).isEqualTo("DOWN");
            assertThat(threads.path("details").path("lastFailure").asText()).contains("RecordTooLargeException");

            // When the topic takes decisions again, Then processing resumes, the gateway is healthy again
            maxMessageBytes(admin, topics.decisions().name(), 1_048_588);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .until(() -> health(gateway).path("status").asText().equals("UP"));
            // And every snippet was decided exactly once
            assertThat(decided(kafka, topics, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
        } finally {
            keepLogs("thread-health");
        }
    }

    private static List<String> send(KafkaTestClient kafka, Topics topics, int from, int count) {
        List<Map.Entry<String, ConversationSnippet>> records = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            records.add(Map.entry("c-" + i, Snippets.snippet("h-" + i, "c-" + i, "my order never arrived " + i)));
        }
        kafka.produce(topics.snippets(), records);
        return records.stream().map(r -> r.getValue().getSnippetId()).toList();
    }

    /** Every decision committed once {@code expected} are (and a little longer, to catch duplicates). */
    private static List<String> decided(KafkaTestClient kafka, Topics topics, int expected) {
        return kafka.readCommitted(topics.decisions(), expected, Duration.ofMinutes(1)).stream()
                .map(r -> r.value().getSnippetId()).toList();
    }

    /** The gateway's health document (503 with the same document when DOWN). */
    private static JsonNode health(GatewayProcess gateway) throws IOException {
        return JSON.readTree(gateway.get("/health").body());
    }

    private static void maxMessageBytes(Admin admin, String topic, int bytes) throws Exception {
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(
                new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(bytes)),
                        AlterConfigOp.OpType.SET)))).all().get(30, TimeUnit.SECONDS);
    }

    private static Map<String, String> topicNames(Topics topics) {
        TopicNames names = topics.names();
        return Map.of("snippets", names.snippets(), "decisions", names.decisions(), "llm-requests",
                names.llmRequests(), "dead-letters", names.deadLetters(), "releases", names.releases(),
                "policies", names.policies(), "policy-audit", names.policyAudit(), "feedback", names.feedback());
    }

    /**
     * From the gateway's GC log: the most heap in use before a collection (garbage included), the most left after a
     * full collection (what was live: after a young collection the figure still holds old garbage), the full
     * collections and the longest pause.
     */
    private static HeapFigures heapFigures(Path gcLog) throws IOException {
        int peak = 0;
        int liveAfterFull = 0;
        int full = 0;
        double longestPauseMs = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_PAUSE.matcher(line);
            if (m.find()) {
                peak = Math.max(peak, Integer.parseInt(m.group(1)));
                longestPauseMs = Math.max(longestPauseMs, Double.parseDouble(m.group(4)));
                if (line.contains("Pause Full")) {
                    full++;
                    liveAfterFull = Math.max(liveAfterFull, Integer.parseInt(m.group(2)));
                }
            }
        }
        return new HeapFigures(peak, liveAfterFull, full, longestPauseMs);
    }

    /** The gateway's log and GC log outlive the temporary folder, for a look after a failure. */
    private void keepLogs(String test) throws IOException {
        Path kept = Files.createDirectories(Path.of("target", test));
        try (var logs = Files.list(dir)) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /**
     * What the gateway's heap went through.
     *
     * @param peakMb most heap in use before a collection, garbage included
     * @param liveAfterFullMb most heap left after a full collection
     * @param fullCollections full collections
     * @param longestPauseMs longest collection pause
     */
    private record HeapFigures(int peakMb, int liveAfterFullMb, int fullCollections, double longestPauseMs) {

        @Override
        public String toString() {
            return String.format("at most %d MB in use (garbage included), at most %d MB live after %d full"
                    + " collections, longest pause %.0f ms", peakMb, liveAfterFullMb, fullCollections, longestPauseMs);
        }
    }
}
