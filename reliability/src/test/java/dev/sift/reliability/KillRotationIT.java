package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault run. Two gateway JVMs on a real broker while a driver produces 50,000 good snippets over 400
 * conversations, odd-but-valid texts among them, and a bad record of one of the {@link BadInput} kinds after every
 * ninth good one (one in {@value #LARGE_EVERY} of them hundreds of kilobytes or megabytes large).
 * Meanwhile the gateways are killed with {@code kill -9} in rotation and restarted, ten times, and the broker is
 * killed with {@code kill -9} and restarted three times. Then {@link DeliveryCheck}: nothing lost, nothing
 * duplicated, every conversation in order, every bad record in the dead-letter topic with its reason.
 */
class KillRotationIT {

    private static final int GOOD_SNIPPETS = 50_000;
    private static final int CONVERSATIONS = 400;
    private static final int RECORDS_PER_SECOND = 300;
    private static final int APP_KILLS = 10;
    private static final List<Integer> BROKER_KILL_AFTER_APP_KILL = List.of(2, 5, 8);
    private static final Duration BETWEEN_KILLS = Duration.ofSeconds(5);
    /** One bad record in this many is of a large kind: several of each in a run. */
    private static final int LARGE_EVERY = 250;

    @TempDir
    Path dir;

    @Test
    void shouldDecideEverySnippetOnceInOrderAndDeadLetterEveryBadOneThroughAppAndBrokerKills() throws Exception {
        Map<String, String> config = Map.of(
                "kafka.streams.default.application.id", "fault-suite",
                // A killed instance's partitions move after 6 s (the broker's minimum) instead of 45 s.
                "kafka.streams.default.session.timeout.ms", "6000",
                "kafka.streams.default.heartbeat.interval.ms", "1500",
                "sift.model.bundle", TestBundles.int8(Path.of("target", "bundles"), "fault-suite-int8")
                        .directory().toString(),
                "sift.releases.enabled", "false");
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);
            try (GatewayFleet fleet = GatewayFleet.start(broker, 2, dir, config)) {
                // Given traffic, good and bad, on its way
                List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).toList();
                KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
                TrafficDriver driver = new TrafficDriver(topics.snippets(), kafka, texts,
                        GOOD_SNIPPETS, CONVERSATIONS, RECORDS_PER_SECOND, 9, BadInput.rotation(LARGE_EVERY)).start();
                Instant begin = Instant.now();

                // When gateways and the broker are killed with SIGKILL, in rotation, and restarted
                int brokerKills = 0;
                for (int kill = 0; kill < APP_KILLS; kill++) {
                    Thread.sleep(BETWEEN_KILLS.toMillis());
                    GatewayProcess victim = fleet.gateways().get(kill % 2);
                    assertThat(victim.isRunning()).as(victim + " alive until killed").isTrue();
                    victim.kill();
                    victim.start(Duration.ofMinutes(3));
                    if (BROKER_KILL_AFTER_APP_KILL.contains(kill)) {
                        broker.kill();
                        Thread.sleep(2_000);
                        broker.start();
                        brokerKills++;
                    }
                    System.out.printf("FAULT-SUITE: kill %d done at %d s, %d records sent%n", kill + 1,
                            Duration.between(begin, Instant.now()).toSeconds(), driver.sent());
                }
                driver.await(Duration.ofMinutes(10));
                assertThat(driver.sendErrors()).as("records the driver could not send").isEmpty();

                // Then each good snippet was decided once, in order, and each bad one dead-lettered with its reason
                DeliveryCheck.Figures figures = new DeliveryCheck(kafka, topics)
                        .verify(driver, Duration.ofMinutes(8));
                assertThat(figures.decided()).isEqualTo(GOOD_SNIPPETS);
                assertThat(figures.deadLettered()).isGreaterThanOrEqualTo(5_000);
                assertThat(figures.deadByKind()).hasSize(BadInput.values().length);
                // And the gateways are still up
                for (GatewayProcess gateway : fleet.gateways()) {
                    assertThat(gateway.isRunning()).isTrue();
                    assertThat(gateway.get("/health").body()).contains("\"UP\"");
                }
                System.out.printf("FAULT-SUITE FIGURES: %d good snippets decided exactly once and in conversation"
                        + " order (%d forwarded to the LLM topic exactly once, %d flagged truncated); %d bad records"
                        + " dead-lettered exactly once with their reason %s; %d app kills, %d broker kills; %d s%n",
                        figures.decided(), figures.forwarded(), figures.truncated(), figures.deadLettered(),
                        figures.deadByKind(), APP_KILLS, brokerKills,
                        Duration.between(begin, Instant.now()).toSeconds());
            }
        }
    }
}
