package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.gateway.EmbeddedGateway;
import dev.sift.gateway.support.Http;
import dev.sift.gateway.support.InProcessGateway;
import dev.sift.gateway.support.KafkaTestClient;
import dev.sift.gateway.support.Releases;
import dev.sift.gateway.support.Snippets;
import dev.sift.gateway.support.TestBundles;
import dev.sift.localkafka.LocalKafkaBroker;
import dev.sift.localkafka.testing.SharedBroker;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.schema.FilterDecision;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.kafka.TopicProvisioner;
import dev.sift.schema.topic.TopicNames;
import dev.sift.schema.topic.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gateway on a real broker, with whoever can write the releases topic as the attacker: replayed releases,
 * forged sequences, archives behind redirects or on internal hosts, versions that are paths, undecodable records and
 * a deleted newest release. Each is refused with its reason, the live model keeps serving, no file outside the cache
 * is touched and no location outside the configured stores is asked for anything. One broker, one gateway at a time.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedBroker.class)
class ReleaseAttacksIT {

    private static final String TOKEN = "release-token";
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static LocalKafkaBroker broker;
    private static KafkaTestClient kafka;
    private static TopicNames names;
    private static Topics topics;
    private static KeyPair keys;
    private static HttpServer store;
    private static HttpServer internal;
    private static final AtomicInteger INTERNAL_REQUESTS = new AtomicInteger();
    private static ModelBundle first;
    private static ModelBundle second;
    private static ModelRelease firstRelease;
    private static ModelRelease secondRelease;
    private static EmbeddedGateway gateway;
    private static Http http;

    @BeforeAll
    static void startStoresAndGateway(LocalKafkaBroker sharedBroker) throws IOException {
        broker = sharedBroker;
        kafka = new KafkaTestClient(broker.clientConfig());
        names = InProcessGateway.prefixed("attacks");
        topics = new Topics(names);
        // One partition: the releases reach the gateway in the order they are published.
        new TopicProvisioner(broker.clientConfig()).ensure(topics.all(), 1, (short) 1);
        keys = SigningKeys.generate();
        SigningKeys.write(keys, dir.resolve("keys"), "release");
        first = TestBundles.int8(dir.resolve("bundles"), TestBundles.defaultBundle().version() + "-int8-first");
        second = TestBundles.int8(dir.resolve("bundles"), TestBundles.defaultBundle().version() + "-int8-second");
        Path storeDir = dir.resolve("store");
        Path secondArchive = Releases.archive(second, dir.resolve("served"));

        // A host that must never be asked anything, and model-ops' store, which also redirects to that host
        internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        internal.createContext("/", exchange -> {
            INTERNAL_REQUESTS.incrementAndGet();
            exchange.sendResponseHeaders(200, Files.size(secondArchive));
            Files.copy(secondArchive, exchange.getResponseBody());
            exchange.close();
        });
        internal.start();
        store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        store.createContext("/bundles/" + secondArchive.getFileName(), exchange -> {
            exchange.sendResponseHeaders(200, Files.size(secondArchive));
            Files.copy(secondArchive, exchange.getResponseBody());
            exchange.close();
        });
        store.createContext("/bundles/moved.sift.zip", exchange -> {
            exchange.getResponseHeaders().add("Location", internalUrl() + "/" + secondArchive.getFileName());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        store.start();

        firstRelease = Releases.signed(first.version(), 100, Releases.archive(first, storeDir), keys, first);
        secondRelease = Releases.signed(second.version(), 200, URI.create(storeUrl() + secondArchive.getFileName()),
                secondArchive, keys, second);
        Files.createDirectories(dir.resolve("gateway"));
        Files.writeString(dir.resolve("gateway/marker"), "outside the cache");
        gateway = startGateway("attacks");
    }

    @AfterAll
    static void stopEverything() {
        if (gateway != null) {
            gateway.close();
        }
        store.stop(0);
        internal.stop(0);
    }

    /** The release cache is the same for every start; the application id is free (a new one joins at once). */
    private static EmbeddedGateway startGateway(String applicationId) {
        Map<String, Object> config = new HashMap<>(InProcessGateway.withToken(TOKEN));
        config.put("sift.releases.trusted-keys", dir.resolve("keys/release.pub").toString());
        config.put("sift.releases.stores", List.of(dir.resolve("store").toUri().toString(), storeUrl()));
        config.put("sift.releases.cache-dir", dir.resolve("gateway/releases").toString());
        config.put("micronaut.server.port", -1);
        EmbeddedGateway started = InProcessGateway.start(broker, names, applicationId, dir.resolve("gateway"),
                config);
        http = new Http(started.startHttp());
        return started;
    }

    private static String storeUrl() {
        return "http://127.0.0.1:" + store.getAddress().getPort() + "/bundles/";
    }

    private static String internalUrl() {
        return "http://127.0.0.1:" + internal.getAddress().getPort();
    }

    @Test
    @Order(1)
    void shouldTakeSignedNewerReleasesFromTheConfiguredStores() {
        // When model-ops publishes two releases, from its store directory and from its HTTP store
        publish(firstRelease);
        awaitModel(m -> m.path("version").asText().equals(first.version()));
        publish(secondRelease);

        // Then each goes live in turn
        awaitModel(m -> m.path("version").asText().equals(second.version()));
        assertThat(dir.resolve("gateway/releases").resolve(SequenceFloor.FILE)).content().contains("sequence=200");
    }

    @Test
    @Order(2)
    void shouldRefuseAnOldReleaseReplayedAsItIs() {
        publish(firstRelease);

        assertRefused(first.version(), RejectionReason.NOT_NEWER);
    }

    @Test
    @Order(3)
    void shouldRefuseAnOldReleaseReplayedWithAHigherSequence() {
        publish(ModelRelease.newBuilder(firstRelease).setSequence(300).build());

        assertRefused(first.version(), RejectionReason.BAD_SIGNATURE);
    }

    @Test
    @Order(4)
    void shouldRefuseAForgedReleaseThatWouldFreezeTheFleet() {
        ModelRelease forged = Releases.resigned(ModelRelease.newBuilder(secondRelease).setVersion("forged-freeze")
                .setSequence(Long.MAX_VALUE).setBundleUri(internalUrl() + "/forged.sift.zip")
                .setMetrics(Map.of("metric", 1.0)).build(), SigningKeys.generate());
        publish(forged);

        assertRefused("forged-freeze", RejectionReason.UNTRUSTED_KEY);
    }

    @Test
    @Order(5)
    void shouldNotFollowARedirectNorAskAnInternalHost() {
        // Given releases signed by the trusted key itself (a mistake, or a stolen key) that point past the stores
        publish(Releases.resigned(ModelRelease.newBuilder(secondRelease).setVersion("redirected").setSequence(400)
                .setBundleUri(storeUrl() + "moved.sift.zip").build(), keys));
        publish(Releases.resigned(ModelRelease.newBuilder(secondRelease).setVersion("internal").setSequence(500)
                .setBundleUri(internalUrl() + "/latest/meta-data").build(), keys));
        publish(Releases.resigned(ModelRelease.newBuilder(secondRelease).setVersion("dev-zero").setSequence(600)
                .setBundleUri("file:///dev/zero").build(), keys));

        // Then each is refused, and the internal host was never asked anything
        assertRefused("redirected", RejectionReason.REDIRECTED);
        assertRefused("internal", RejectionReason.STORE_NOT_ALLOWED);
        assertRefused("dev-zero", RejectionReason.STORE_NOT_ALLOWED);
        assertThat(INTERNAL_REQUESTS).hasValue(0);
        JsonNode model = http.get("/model", TOKEN).body();
        assertThat(model.toString()).doesNotContain(internalUrl()).doesNotContain("Connection refused");
    }

    @Test
    @Order(6)
    void shouldRefuseAPathVersionWithoutTouchingAnyFileOutsideTheCache() throws IOException {
        // Given signed releases whose versions are paths, and one record that is not a release at all
        publish(Releases.resigned(ModelRelease.newBuilder(firstRelease).setVersion("..").setSequence(700).build(),
                keys));
        try (KafkaProducer<String, byte[]> raw = kafka.producer(new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.releases().name(), "junk", new byte[] {1, 2, 3}));
        }
        publish(Releases.resigned(ModelRelease.newBuilder(firstRelease).setVersion("../../state").setSequence(800)
                .build(), keys));

        // Then both are refused, the gateway read on past the junk, and the folder around the cache is untouched
        assertRefused("\"..\"", RejectionReason.INVALID_VERSION);
        assertRefused("\"../../state\"", RejectionReason.INVALID_VERSION);
        assertThat(dir.resolve("gateway/marker")).hasContent("outside the cache");
        try (var files = Files.walk(dir.resolve("gateway/releases"))) {
            assertThat(files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()))
                    .noneMatch(f -> f.endsWith(".partial"));
        }
    }

    @Test
    @Order(7)
    void shouldKeepServingTheLiveModelThroughEveryRefusal() {
        // When a snippet arrives after all the refused releases
        kafka.produce(topics.snippets(), List.of(Map.entry("c-1", Snippets.snippet("after-attacks", "c-1",
                "I want a refund for my order"))));

        // Then the last valid release decided it
        FilterDecision decision = kafka.readCommitted(topics.decisions(), 1, WAIT).get(0).value();
        assertThat(decision.getModelVersion()).isEqualTo(second.version());
        assertThat(http.get("/model", TOKEN).body().path("version").asText()).isEqualTo(second.version());
    }

    @Test
    @Order(8)
    void shouldStillRollBackOnAnOperatorsRequestAndNotTakeTheNewerReleaseAgain() {
        // When an authenticated operator rolls back
        assertThat(http.send("POST", "/model/rollback", null, TOKEN).body().path("version").asText())
                .isEqualTo(first.version());

        // Then the release rolled back from, published again, is refused
        publish(secondRelease);
        assertRefused(second.version(), RejectionReason.NOT_NEWER);
        assertThat(http.get("/model", TOKEN).body().path("version").asText()).isEqualTo(first.version());
    }

    @Test
    @Order(9)
    void shouldNotRollBackAfterARestartWhenTheNewestReleaseWasDeleted() {
        // Given a gateway that accepted up to sequence 200, and an attacker who deletes that release from the
        // compacted topic while the gateway is down
        gateway.close();
        try (KafkaProducer<String, ModelRelease> producer = kafka.producer(topics.releases())) {
            producer.send(new ProducerRecord<>(topics.releases().name(), second.version(), null));
        }

        // When the gateway starts again from its configured bundle and has read the topic's history
        gateway = startGateway("attacks-restarted");
        awaitModel(m -> m.path("refused").has("\"../../state\""));
        publish(Releases.resigned(ModelRelease.newBuilder(firstRelease).setVersion("after-restart").setSequence(150)
                .build(), keys));

        // Then the older release left on the topic does not go live: its configured bundle keeps serving
        assertRefused("after-restart", RejectionReason.NOT_NEWER);
        JsonNode model = http.get("/model", TOKEN).body();
        assertThat(model.path("version").asText()).isEqualTo(TestBundles.defaultBundle().version());
        assertThat(model.path("history").findValuesAsText("kind")).doesNotContain("SWAP");
    }

    private static void publish(ModelRelease release) {
        kafka.produce(topics.releases(), List.of(Map.entry(release.getVersion(), release)));
    }

    private static JsonNode awaitModel(java.util.function.Predicate<JsonNode> condition) {
        return await().atMost(WAIT).until(() -> http.get("/model", TOKEN).body(), condition);
    }

    private static void assertRefused(String shownVersion, RejectionReason reason) {
        JsonNode model = awaitModel(m -> m.path("refused").path(shownVersion).asText().equals(reason.code()));
        assertThat(model.path("history").findValues("reason")).isNotEmpty();
        boolean recorded = false;
        for (JsonNode event : model.path("history")) {
            recorded |= event.path("kind").asText().equals("REJECTED")
                    && event.path("version").asText().equals(shownVersion)
                    && event.path("reason").asText().equals(reason.code());
        }
        assertThat(recorded).as("a REJECTED event for " + shownVersion + " with reason " + reason.code()).isTrue();
    }
}
