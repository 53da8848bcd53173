package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.gateway.support.CommittedRecords;
import dev.sift.gateway.support.ExactlyOnce;
import dev.sift.gateway.support.GatewayFleet;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.Releases;
import dev.sift.gateway.support.SteadyLoad;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.GatewayProcess;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway JVMs under continuous load take four releases in a row: valid, tampered signature, corrupt archive,
 * valid. Both valid ones go live on every instance, the others are refused with their reasons, and no snippet is
 * lost, duplicated or failed.
 */
@ExtendWith(SharedBroker.class)
class HotSwapIT {

    @TempDir
    Path dir;

    @Test
    void shouldSwapValidReleasesOnEveryInstanceUnderLoadAndRefuseBadOnes(LocalKafkaBroker broker) throws Exception {
        ModelBundle base = TestBundles.defaultBundle();
        ModelBundle first = TestBundles.int8(dir.resolve("bundles"), base.version() + "-int8-a");
        ModelBundle tampered = TestBundles.int8(dir.resolve("bundles"), base.version() + "-int8-b");
        ModelBundle corrupt = TestBundles.int8(dir.resolve("bundles"), base.version() + "-int8-c");
        ModelBundle second = TestBundles.int8(dir.resolve("bundles"), base.version() + "-int8-d");
        KeyPair keys = SigningKeys.generate();
        SigningKeys.write(keys, dir.resolve("keys"), "release");
        Path store = dir.resolve("store");

        ModelRelease valid1 = Releases.signed(first.version(), 1, Releases.archive(first, store), keys, first);
        ModelRelease badSignature = Releases.signed(tampered.version(), 2, Releases.archive(tampered, store), keys,
                tampered);
        badSignature.setNotes("changed after signing");
        Path corruptArchive = Releases.archive(corrupt, store);
        byte[] bytes = Files.readAllBytes(corruptArchive);
        Files.write(corruptArchive, Arrays.copyOf(bytes, bytes.length / 2));
        ModelRelease corrupted = Releases.signed(corrupt.version(), 3, corruptArchive, keys, corrupt);
        ModelRelease valid2 = Releases.signed(second.version(), 4, Releases.archive(second, store), keys, second);

        Topics topics = new Topics(TopicNames.defaults().prefixed("hot-swap"));
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 6, (short) 1);
        KafkaTestClient kafka = new KafkaTestClient(broker.clientConfig());
        try (GatewayFleet fleet = GatewayFleet.start(broker, 2, dir.resolve("fleet"), GatewayFleet.onTopics(
                topics.names(), Map.of(
                        "kafka.streams.default.application.id", "hot-swap",
                        "sift.model.bundle", base.directory().toString(),
                        "sift.releases.trusted-keys", dir.resolve("keys/release.pub").toString(),
                        "sift.releases.stores", store.toUri().toString(),
                        "sift.ops.token", "swap-token")));
                CommittedRecords<String, FilterDecision> decided = new CommittedRecords<>(broker.clientConfig(),
                        topics.decisions())) {
            // Given continuous load, decided by the base model on every instance
            SteadyLoad load = new SteadyLoad(kafka, topics, "hs-").start();
            awaitDecisionsOnEveryInstance(decided, fleet, base.version());

            // When the four releases are published one after another
            Instant firstPublished = publish(kafka, topics, valid1);
            Instant firstEverywhere = awaitAll(fleet, m -> m.path("version").asText().equals(first.version()));
            publish(kafka, topics, badSignature);
            publish(kafka, topics, corrupted);
            awaitAll(fleet, m -> m.path("refused").has(tampered.version()) && m.path("refused").has(corrupt.version()));
            Instant secondPublished = publish(kafka, topics, valid2);
            Instant secondEverywhere = awaitAll(fleet, m -> m.path("version").asText().equals(second.version()));
            awaitDecisionsOnEveryInstance(decided, fleet, second.version());
            int produced = load.stop();

            // Then both valid releases went live everywhere and the bad ones were refused with their reasons
            for (GatewayProcess g : fleet.gateways()) {
                JsonNode model = GatewayFleet.model(g);
                assertThat(model.path("refused").path(tampered.version()).asText()).isEqualTo("bad-signature");
                assertThat(model.path("refused").path(corrupt.version()).asText()).isEqualTo("corrupt");
                assertThat(model.path("version").asText()).isEqualTo(second.version());
            }

            // And every snippet was decided exactly once, none failed
            List<ConsumerRecord<String, FilterDecision>> decisions = kafka.readCommitted(topics.decisions(),
                    produced, Duration.ofMinutes(3));
            ExactlyOnce.assertEachDecidedOnce(decisions, produced);
            assertThat(kafka.readCommitted(topics.deadLetters(), 0, Duration.ofSeconds(3))).isEmpty();
            Map<String, Long> byVersion = decisions.stream().collect(Collectors.groupingBy(
                    r -> r.value().getModelVersion(), Collectors.counting()));
            assertThat(byVersion).containsKeys(base.version(), first.version(), second.version());

            report(produced, byVersion, firstPublished, firstEverywhere, secondPublished, secondEverywhere,
                    decisions);

            // And an instance can roll back to the release before, on request of an authenticated operator
            GatewayProcess one = fleet.gateways().get(0);
            var http = new dev.sift.gateway.support.Http(one.httpPort());
            assertThat(http.send("POST", "/model/rollback", null, null).status()).isEqualTo(401);
            var rolledBack = http.send("POST", "/model/rollback", null, "swap-token");
            assertThat(rolledBack.status()).isEqualTo(200);
            assertThat(rolledBack.body().path("version").asText()).isEqualTo(first.version());
        }
    }

    private static void report(int produced, Map<String, Long> byVersion, Instant p1, Instant e1, Instant p2,
            Instant e2, List<ConsumerRecord<String, FilterDecision>> decisions) {
        Predicate<FilterDecision> duringSwap = d -> within(d.getDecidedAt(), p1, e1.plusSeconds(2))
                || within(d.getDecidedAt(), p2, e2.plusSeconds(2));
        long[] swap = decisions.stream().map(ConsumerRecord::value).filter(duringSwap)
                .mapToLong(FilterDecision::getProcessingLatencyMicros).sorted().toArray();
        long[] steady = decisions.stream().map(ConsumerRecord::value).filter(duringSwap.negate())
                .mapToLong(FilterDecision::getProcessingLatencyMicros).sorted().toArray();
        System.out.printf("HOT-SWAP FIGURES: %d snippets decided once each; by version %s%n", produced, byVersion);
        System.out.printf("HOT-SWAP FIGURES: release 1 serving on all instances %d ms after publication, release 4 %d ms%n",
                Duration.between(p1, e1).toMillis(), Duration.between(p2, e2).toMillis());
        System.out.printf("HOT-SWAP FIGURES: p99 decision latency during swaps %.1f ms (%d decisions), steady %.1f ms (%d)%n",
                p99(swap) / 1000.0, swap.length, p99(steady) / 1000.0, steady.length);
    }

    private static boolean within(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && !t.isAfter(to);
    }

    private static double p99(long[] sorted) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (0.99 * sorted.length))];
    }

    private static Instant publish(KafkaTestClient kafka, Topics topics, ModelRelease release) {
        Instant at = Instant.now();
        kafka.produce(topics.releases(), List.of(Map.entry(release.getVersion(), release)));
        return at;
    }

    /** @return when every instance's {@code GET /model} met the condition */
    private static Instant awaitAll(GatewayFleet fleet, Predicate<JsonNode> condition) {
        await("every instance reaching the expected model state").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> fleet.gateways().stream().allMatch(g -> condition.test(GatewayFleet.model(g))));
        return Instant.now();
    }

    /** Waits until every instance has committed decisions made with the model version: it serves, not just holds. */
    private static void awaitDecisionsOnEveryInstance(CommittedRecords<String, FilterDecision> decided,
            GatewayFleet fleet, String version) {
        List<String> instances = IntStream.range(0, fleet.gateways().size()).mapToObj(i -> "gateway-" + i).toList();
        await("decisions with " + version + " by " + instances).atMost(Duration.ofMinutes(1)).pollInSameThread()
                .until(decided::poll, decisions -> decisions.stream().map(ConsumerRecord::value)
                        .filter(d -> d.getModelVersion().equals(version)).map(FilterDecision::getGateway)
                        .collect(Collectors.toSet()).containsAll(instances));
    }
}
