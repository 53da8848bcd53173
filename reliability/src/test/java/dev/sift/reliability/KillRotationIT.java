package dev.sift.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.dataset.LabeledSnippet;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.Topics;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault run. Two gateway JVMs on a real broker while a driver produces 50,000 good snippets over 400
 * conversations, odd-but-valid texts among them, and a bad record of one of the {@link BadInput} kinds after every
 * ninth good one (one in {@value #LARGE_EVERY} of them hundreds of kilobytes or megabytes large).
 * Meanwhile the gateways are killed with {@code kill -9} in rotation and restarted, ten times, and the broker is
 * killed with {@code kill -9} and restarted three times, every kill while traffic flows. Each kill waits until the
 * gateway killed before is back, but one: it hits the other gateway while the first is still starting, so that no
 * gateway runs at all for a while. Then {@link DeliveryCheck}: nothing lost, nothing duplicated, every conversation
 * in order, every bad record in the dead-letter topic with its reason.
 */
class KillRotationIT {

    private static final int GOOD_SNIPPETS = 50_000;
    private static final int CONVERSATIONS = 400;
    private static final int RECORDS_PER_SECOND = 400;
    private static final int APP_KILLS = 10;
    private static final List<Integer> BROKER_KILL_AFTER_APP_KILL = List.of(2, 5, 8);
    /**
     * The kill (counted from 0, not right after a broker kill) that comes while the gateway killed before it is still
     * starting. Only one: with no gateway running nothing is decided, and each such kill stalls the run for a start-up.
     */
    private static final int KILL_WHILE_OTHER_STARTS = 7;
    /** Pause before each kill, once the gateways it waits for are back: they take up work again meanwhile. */
    private static final Duration KILL_PACE = Duration.ofSeconds(2);
    /** How long the broker stays dead before it is restarted. */
    private static final Duration BROKER_DOWN = Duration.ofSeconds(2);
    /** The last good snippets wait for the last kill, so that every kill meets flowing traffic. */
    private static final int HELD_BACK = 2_000;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
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
        ExecutorService starter = Executors.newFixedThreadPool(2);
        CountDownLatch killsDone = new CountDownLatch(1);
        try (LocalKafkaBroker broker = LocalKafkaBroker.builder().build().start()) {
            Topics topics = Topics.withDefaultNames();
            new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);
            try (GatewayFleet fleet = GatewayFleet.start(broker, 2, dir, config);
                    DeliveryCheck check = DeliveryCheck.start(broker.clientConfig(), topics)) {
                // Given traffic, good and bad, on its way
                List<String> texts = DefaultBundle.starterSet().train().stream().map(LabeledSnippet::text).toList();
                KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
                TrafficDriver driver = new TrafficDriver(topics.snippets(), kafka, texts,
                        GOOD_SNIPPETS, CONVERSATIONS, RECORDS_PER_SECOND, 9, BadInput.rotation(LARGE_EVERY))
                        .holdBack(HELD_BACK, killsDone).start();
                Instant begin = Instant.now();

                // When gateways and the broker are killed with SIGKILL, in rotation, and restarted
                Map<GatewayProcess, CompletableFuture<?>> restarts = new HashMap<>();
                int brokerKills = 0;
                for (int kill = 0; kill < APP_KILLS; kill++) {
                    GatewayProcess victim = fleet.gateways().get(kill % 2);
                    GatewayProcess other = fleet.gateways().get((kill + 1) % 2);
                    awaitHealthy(victim, restarts.remove(victim));
                    if (kill != KILL_WHILE_OTHER_STARTS) {
                        awaitHealthy(other, restarts.remove(other));
                    }
                    Thread.sleep(KILL_PACE.toMillis());
                    assertThat(victim.isRunning()).as(victim + " alive until killed").isTrue();
                    assertThat(driver.sending()).as("traffic flowing at kill " + (kill + 1)).isTrue();
                    if (kill == KILL_WHILE_OTHER_STARTS) {
                        assertThat(restarts.get(other)).as("the other gateway still starting").isNotCompleted();
                    }
                    victim.kill();
                    restarts.put(victim, CompletableFuture.runAsync(() -> victim.start(START_TIMEOUT), starter));
                    if (BROKER_KILL_AFTER_APP_KILL.contains(kill)) {
                        // The broker dies under running gateways, not under one still starting
                        for (GatewayProcess gateway : fleet.gateways()) {
                            awaitHealthy(gateway, restarts.remove(gateway));
                        }
                        assertThat(driver.sending()).as("traffic flowing at broker kill").isTrue();
                        broker.kill();
                        Thread.sleep(BROKER_DOWN.toMillis());
                        broker.start();
                        brokerKills++;
                    }
                    System.out.printf("FAULT-SUITE: kill %d done at %d s, %d records sent%n", kill + 1,
                            Duration.between(begin, Instant.now()).toSeconds(), driver.sent());
                }
                killsDone.countDown();
                for (GatewayProcess gateway : fleet.gateways()) {
                    awaitHealthy(gateway, restarts.remove(gateway));
                }
                driver.await(Duration.ofMinutes(10));
                assertThat(driver.sendErrors()).as("records the driver could not send").isEmpty();
                System.out.printf("FAULT-SUITE: traffic done at %d s%n",
                        Duration.between(begin, Instant.now()).toSeconds());

                // Then each good snippet was decided once, in order, and each bad one dead-lettered with its reason
                DeliveryCheck.Figures figures = check.verify(driver, Duration.ofMinutes(12));
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
        } finally {
            killsDone.countDown();
            starter.shutdownNow();
        }
    }

    /** Waits for a gateway's restart, if one is under way, and for its health endpoint to answer UP. */
    private static void awaitHealthy(GatewayProcess gateway, CompletableFuture<?> restart) {
        if (restart != null) {
            restart.join();
        }
        await(gateway + " healthy").atMost(START_TIMEOUT).until(() -> healthy(gateway));
    }

    private static boolean healthy(GatewayProcess gateway) {
        try {
            HttpResponse<String> health = gateway.get("/health");
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException notAnswering) {
            return false;
        }
    }
}
