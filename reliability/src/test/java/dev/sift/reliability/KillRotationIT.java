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
 * The fault run. Two gateway JVMs on a real broker while a driver produces good snippets over 400 conversations,
 * odd-but-valid texts among them, and a bad record of one of the {@link BadInput} kinds after every ninth good one (one
 * in {@value #LARGE_EVERY} of them hundreds of kilobytes or megabytes large), from before the first kill until after
 * the last. Meanwhile the gateways are killed with {@code kill -9} in rotation and restarted, ten times, and the broker
 * is killed with {@code kill -9} and restarted three times, every kill while traffic flows. Each gateway is killed
 * while it is deciding, and each kill waits until the gateway killed before is back, but one: it follows the kill
 * before at once and hits the other gateway while the first is still starting, so that no gateway runs at all for a
 * while. Then {@link DeliveryCheck}: nothing lost, nothing duplicated, every conversation in order, every bad record
 * in the dead-letter topic with its reason.
 */
class KillRotationIT {

    /**
     * Good snippets at the least, whatever the kills take: enough for every bad kind, the large ones included. The
     * traffic goes on until the last kill.
     */
    private static final int MIN_GOOD_SNIPPETS = 9_000;
    private static final int CONVERSATIONS = 400;
    /**
     * Below what two gateways decide while one of them restarts: what the run proves comes from the kills, each meeting
     * traffic, not from the volume.
     */
    private static final int RECORDS_PER_SECOND = 150;
    /**
     * Records sent and not yet decided, at most: on a slower machine the traffic slows down with the gateways, so that
     * the run takes as long as its kills and not longer for the volume they let pile up.
     */
    private static final int MAX_BACKLOG = 3_000;
    private static final int APP_KILLS = 10;
    /**
     * The gateway kills (counted from 0) the broker is killed before, once the gateway killed before is back: a broker
     * kill waits for no restart of its own.
     */
    private static final List<Integer> BROKER_KILL_BEFORE_APP_KILL = List.of(2, 5, 8);
    /**
     * The kill (counted from 0, not one a broker kill comes before) that follows the one before it at once, while the
     * gateway killed before is still starting. Only one: with no gateway running nothing is decided, and each such kill
     * stalls the run for a start-up.
     */
    private static final int KILL_WHILE_OTHER_STARTS = 7;
    /** How long the broker stays dead before it is restarted. */
    private static final Duration BROKER_DOWN = Duration.ofSeconds(2);
    /** Good snippets sent after the last kill: the restarted gateways take up new traffic, not only the backlog. */
    private static final int TAIL = 1_000;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    /** One bad record in this many is of a large kind: every large kind at least once in the least traffic. */
    private static final int LARGE_EVERY = 100;

    @TempDir
    Path dir;

    @Test
    void shouldDecideEverySnippetOnceInOrderAndDeadLetterEveryBadOneThroughAppAndBrokerKills() throws Exception {
        Map<String, String> config = Map.of(
                "kafka.streams.default.application.id", "fault-suite",
                // A killed instance's partitions move after 6 s (the broker's minimum) instead of 45 s.
                "kafka.streams.default.session.timeout.ms", "6000",
                "kafka.streams.default.heartbeat.interval.ms", "1500",
                // A restarted gateway takes its share of the partitions back at once and restores their state,
                // instead of warming it up until a probing rebalance minutes later: each kill meets a deciding gateway
                "kafka.streams.default.acceptable.recovery.lag", "1000000000",
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
                        MIN_GOOD_SNIPPETS, CONVERSATIONS, RECORDS_PER_SECOND, 9, BadInput.rotation(LARGE_EVERY))
                        .goOnUntil(killsDone, TAIL).backlogAtMost(MAX_BACKLOG, check::outcomes).start();
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
                    if (BROKER_KILL_BEFORE_APP_KILL.contains(kill)) {
                        // The broker dies under gateways at work, not under one still starting
                        awaitDeciding(check, "gateway-0");
                        awaitDeciding(check, "gateway-1");
                        assertThat(driver.sending()).as("traffic flowing at broker kill").isTrue();
                        broker.kill();
                        Thread.sleep(BROKER_DOWN.toMillis());
                        broker.start();
                        brokerKills++;
                    }
                    if (kill == KILL_WHILE_OTHER_STARTS - 1) {
                        // The next kill follows this one at once: both gateways are at work now
                        awaitDeciding(check, "gateway-0");
                        awaitDeciding(check, "gateway-1");
                    } else if (kill != KILL_WHILE_OTHER_STARTS) {
                        awaitDeciding(check, "gateway-" + kill % 2);
                    }
                    assertThat(victim.isRunning()).as(victim + " alive until killed").isTrue();
                    assertThat(driver.sending()).as("traffic flowing at kill " + (kill + 1)).isTrue();
                    if (kill == KILL_WHILE_OTHER_STARTS) {
                        assertThat(restarts.get(other)).as("the other gateway still starting").isNotCompleted();
                    }
                    victim.kill();
                    restarts.put(victim, CompletableFuture.runAsync(() -> victim.start(START_TIMEOUT), starter));
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
                assertThat(figures.decided()).isEqualTo(driver.goodIds().size())
                        .isGreaterThanOrEqualTo(MIN_GOOD_SNIPPETS);
                assertThat(figures.deadLettered()).isEqualTo(driver.badIds().size());
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

    /**
     * Waits until the gateway has committed a decision it made after the wait began: it is at work, its next
     * transaction open or about to be, not only up.
     */
    private static void awaitDeciding(DeliveryCheck check, String gateway) {
        Instant since = Instant.now();
        await(gateway + " deciding").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> check.lastDecisionBy(gateway).filter(at -> at.isAfter(since)).isPresent());
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
