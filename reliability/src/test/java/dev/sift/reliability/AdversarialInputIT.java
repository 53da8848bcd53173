package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.schema.topic.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An untrusted platform at its worst: one gateway JVM with the recommended flags (128 MB heap, exit on
 * OutOfMemoryError) owns every partition of the snippets topic while good snippets are interleaved with records of
 * every {@link BadInput} kind, the large ones as large as the topic accepts (huge or countless headers, countless or
 * huge brand hints and metadata, huge ids, huge text), and bursts of the largest records land on every partition at
 * once. Each bad record must be dead-lettered once with its reason, each good snippet decided once and in
 * conversation order, and the gateway must neither exit nor lose a stream thread, and stay healthy.
 */
class AdversarialInputIT {

    private static final int PARTITIONS = 6;
    private static final int GOOD_SNIPPETS = 1_200;
    private static final int CONVERSATIONS = 60;
    private static final int RECORDS_PER_SECOND = 150;
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\) ([0-9.]+)ms");

    @TempDir
    Path dir;

    @Test
    void shouldDeadLetterEveryAdversarialRecordAndDecideEveryGoodSnippetWithoutLosingAThread() throws Exception {
        Map<String, String> config = Map.of(
                "kafka.streams.default.application.id", "adversarial-input",
                "sift.model.bundle", TestBundles.int8(Path.of("target", "bundles"), "adversarial-int8")
                        .directory().toString(),
                "sift.releases.enabled", "false");
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), PARTITIONS, (short) 1);
            try (GatewayFleet fleet = GatewayFleet.start(broker, 0, 1, dir, config,
                    List.of("-Xlog:gc:file=" + dir.resolve("gc-{i}.log")))) {
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
                DeliveryCheck.Figures figures = new DeliveryCheck(kafka, topics).verify(driver, Duration.ofMinutes(3));
                assertThat(figures.decided()).isEqualTo(GOOD_SNIPPETS);
                assertThat(figures.deadByKind()).as("kinds dead-lettered").hasSize(BadInput.values().length);

                // And the gateway never exited, never lost a stream thread, is healthy, and its heap held
                String log = Files.readString(gateway.logFile());
                assertThat(gateway.isRunning()).as("gateway alive").isTrue();
                assertThat(log).as("gateway log").doesNotContain("OutOfMemoryError")
                        .doesNotContain("stream thread failed");
                assertThat(gateway.get("/prometheus").body()).as("stream thread failures")
                        .contains("sift_stream_thread_failures_total 0.0");
                assertThat(gateway.get("/health").body()).contains("\"UP\"");
                HeapFigures heap = heapFigures(dir.resolve("gc-0.log"));
                assertThat(heap.liveAfterFullMb()).as("heap live after a full collection, of 128 MB").isLessThan(96);
                System.out.printf("ADVERSARIAL-INPUT FIGURES: %d good snippets decided exactly once and in"
                        + " conversation order (%d forwarded); %d bad records dead-lettered exactly once with their"
                        + " reason %s; heap %s; %d s%n", figures.decided(), figures.forwarded(),
                        figures.deadLettered(), figures.deadByKind(), heap,
                        Duration.between(begin, Instant.now()).toSeconds());
            } finally {
                keepLogs();
            }
        }
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
    private void keepLogs() throws IOException {
        Path kept = Files.createDirectories(Path.of("target", "adversarial-input"));
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
