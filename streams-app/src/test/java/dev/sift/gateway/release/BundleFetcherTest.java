package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.release.ReleaseSignedForm;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher reads only from configured store locations, never more than the signed size, and leaves nothing behind
 * when it refuses. Real files, real symbolic links, real HTTP servers on the loopback interface.
 */
class BundleFetcherTest {

    private static final byte[] ARCHIVE = "a small archive, signed as it is".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private Path store;
    private Path cache;
    private HttpServer storeServer;
    private HttpServer elsewhere;
    private final AtomicInteger elsewhereRequests = new AtomicInteger();

    @BeforeEach
    void startStores() throws IOException {
        store = Files.createDirectories(dir.resolve("store"));
        cache = dir.resolve("cache");
        Files.write(store.resolve("v1.sift.zip"), ARCHIVE);
        elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        elsewhere.createContext("/", exchange -> {
            elsewhereRequests.incrementAndGet();
            exchange.sendResponseHeaders(200, ARCHIVE.length);
            exchange.getResponseBody().write(ARCHIVE);
            exchange.close();
        });
        elsewhere.start();
        storeServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storeServer.createContext("/bundles/v1.sift.zip", exchange -> {
            exchange.sendResponseHeaders(200, ARCHIVE.length);
            exchange.getResponseBody().write(ARCHIVE);
            exchange.close();
        });
        storeServer.createContext("/bundles/moved.sift.zip", exchange -> {
            exchange.getResponseHeaders().add("Location", elsewhereUrl() + "/v1.sift.zip");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        storeServer.createContext("/bundles/endless.sift.zip", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[1 << 16];
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } catch (IOException clientGaveUp) {
                // The fetcher stops reading at the signed size.
            }
            exchange.close();
        });
        storeServer.createContext("/bundles/claims-more.sift.zip", exchange -> {
            exchange.sendResponseHeaders(200, 1L << 30);
            // Keeps the connection open while the gateway reads the headers: closing a response short of its declared
            // length resets the connection, and a loaded machine could then see a reset instead of the headers.
            try (OutputStream body = exchange.getResponseBody()) {
                byte[] chunk = new byte[8192];
                for (int sent = 0; sent < (1 << 20); sent += chunk.length) {
                    body.write(chunk);
                    body.flush();
                }
            } catch (IOException clientHungUp) {
                // The gateway refused the length and closed: what the test expects.
            } finally {
                exchange.close();
            }
        });
        storeServer.start();
    }

    @AfterEach
    void stopStores() {
        storeServer.stop(0);
        elsewhere.stop(0);
    }

    private String storeUrl() {
        return "http://127.0.0.1:" + storeServer.getAddress().getPort() + "/bundles/";
    }

    private String elsewhereUrl() {
        return "http://127.0.0.1:" + elsewhere.getAddress().getPort();
    }

    private BundleFetcher fetcher() {
        return new BundleFetcher(Duration.ofSeconds(5), new StoreLocations(List.of(store.toUri().toString(),
                storeUrl())));
    }

    private static ModelRelease release(String uri, byte[] content) {
        return ModelRelease.newBuilder().setVersion("v1").setSequence(1).setBundleUri(uri)
                .setSha256(Sha256.of(content)).setSignatureScheme(ReleaseSignedForm.SCHEME).setSizeBytes(content.length)
                .setBaseModel("m").setIntents(List.of()).setMetrics(Map.of()).setCreatedAt(Instant.EPOCH).build();
    }

    private Path target() {
        return cache.resolve("archives/v1.sift.zip");
    }

    private void assertRefusedLeavingNothing(ModelRelease release, RejectionReason reason) throws IOException {
        assertThatThrownBy(() -> fetcher().fetch(release, target()))
                .isInstanceOfSatisfying(ReleaseRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
        if (Files.exists(cache)) {
            try (var files = Files.walk(cache)) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("files left in the cache").isEmpty();
            }
        }
    }

    @Test
    void shouldFetchFromAStoreDirectoryAndOverHttpFromAStorePrefix() {
        assertThat(fetcher().fetch(release(store.resolve("v1.sift.zip").toUri().toString(), ARCHIVE), target()))
                .hasBinaryContent(ARCHIVE);
        assertThat(fetcher().fetch(release(storeUrl() + "v1.sift.zip", ARCHIVE), target())).hasBinaryContent(ARCHIVE);
    }

    @Test
    void shouldRefuseAFileOutsideTheStoreDirectories() throws IOException {
        Path outside = Files.write(dir.resolve("outside.sift.zip"), ARCHIVE);

        assertRefusedLeavingNothing(release(outside.toUri().toString(), ARCHIVE), RejectionReason.STORE_NOT_ALLOWED);
        assertRefusedLeavingNothing(release(store.toUri() + "../outside.sift.zip", ARCHIVE),
                RejectionReason.STORE_NOT_ALLOWED);
        assertRefusedLeavingNothing(release(store.toUri() + "%2e%2e/outside.sift.zip", ARCHIVE),
                RejectionReason.STORE_NOT_ALLOWED);
    }

    @Test
    void shouldRefuseASymbolicLinkOutOfTheStore() throws IOException {
        // Given a link inside the store to a file outside it
        Path outside = Files.write(dir.resolve("outside.sift.zip"), ARCHIVE);
        Path link = Files.createSymbolicLink(store.resolve("link.sift.zip"), outside);

        assertRefusedLeavingNothing(release(link.toUri().toString(), ARCHIVE), RejectionReason.STORE_NOT_ALLOWED);
    }

    @Test
    void shouldRefuseDevZeroAndLeaveNoPartialFile() throws IOException {
        // Given a store link to an endless device, and even a store configured on /dev itself
        Path link = Files.createSymbolicLink(store.resolve("zero.sift.zip"), Path.of("/dev/zero"));
        BundleFetcher devStore = new BundleFetcher(Duration.ofSeconds(5),
                new StoreLocations(List.of("file:///dev/")));

        assertRefusedLeavingNothing(release(link.toUri().toString(), ARCHIVE), RejectionReason.STORE_NOT_ALLOWED);
        assertRefusedLeavingNothing(release("file:///dev/zero", ARCHIVE), RejectionReason.STORE_NOT_ALLOWED);
        assertThatThrownBy(() -> devStore.fetch(release("file:///dev/zero", ARCHIVE), target()))
                .isInstanceOfSatisfying(ReleaseRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.STORE_NOT_ALLOWED));
        assertThat(cache.resolve("archives/v1.sift.zip.partial")).doesNotExist();
    }

    @Test
    void shouldNotFollowARedirectToAnotherHost() throws IOException {
        assertRefusedLeavingNothing(release(storeUrl() + "moved.sift.zip", ARCHIVE), RejectionReason.REDIRECTED);

        assertThat(elsewhereRequests).hasValue(0);
    }

    @Test
    void shouldNeverRequestAHostOutsideTheStores() throws IOException {
        assertRefusedLeavingNothing(release(elsewhereUrl() + "/bundles/v1.sift.zip", ARCHIVE),
                RejectionReason.STORE_NOT_ALLOWED);
        assertRefusedLeavingNothing(release(storeUrl().replace("/bundles/", "/other/") + "v1.sift.zip", ARCHIVE),
                RejectionReason.STORE_NOT_ALLOWED);
        assertRefusedLeavingNothing(release(storeUrl() + "../v1.sift.zip", ARCHIVE), RejectionReason.STORE_NOT_ALLOWED);
        assertRefusedLeavingNothing(release(storeUrl().replace("http://", "http://user@") + "v1.sift.zip", ARCHIVE),
                RejectionReason.STORE_NOT_ALLOWED);
        assertRefusedLeavingNothing(release(storeUrl() + "v1.sift.zip?x=1", ARCHIVE), RejectionReason.STORE_NOT_ALLOWED);

        assertThat(elsewhereRequests).hasValue(0);
    }

    @Test
    void shouldStopReadingAStreamLongerThanTheSignedSize() throws IOException {
        assertRefusedLeavingNothing(release(storeUrl() + "endless.sift.zip", ARCHIVE), RejectionReason.SIZE_MISMATCH);
    }

    @Test
    void shouldRefuseADeclaredLengthOtherThanTheSignedSizeBeforeReading() throws IOException {
        assertRefusedLeavingNothing(release(storeUrl() + "claims-more.sift.zip", ARCHIVE),
                RejectionReason.SIZE_MISMATCH);
    }

    @Test
    void shouldRefuseAStoreFileOfAnotherSizeOrHash() throws IOException {
        byte[] other = ARCHIVE.clone();
        other[0] ^= 1;

        assertRefusedLeavingNothing(release(store.resolve("v1.sift.zip").toUri().toString(),
                "shorter".getBytes(StandardCharsets.UTF_8)), RejectionReason.SIZE_MISMATCH);
        assertRefusedLeavingNothing(release(storeUrl() + "v1.sift.zip", other), RejectionReason.BAD_HASH);
    }

    @Test
    void shouldNotSayWhatAStoreFileHoldsWhenItIsRefused() {
        byte[] other = ARCHIVE.clone();
        other[0] ^= 1;

        assertThatThrownBy(() -> fetcher().fetch(release(store.resolve("v1.sift.zip").toUri().toString(), other),
                target())).satisfies(e -> assertThat(e.getMessage()).doesNotContain(Sha256.of(ARCHIVE)));
    }

    @Test
    void shouldRefuseUnusableStoreLocations() {
        for (String bad : List.of("ftp://host/x/", "http://user@host/x/", "file:relative/", "not a uri", "http:///x/")) {
            assertThatThrownBy(() -> new StoreLocations(List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        StoreLocations local = new StoreLocations(List.of("http://localhost:8081/bundles"));
        assertThat(local.allows("http://LOCALHOST:8081/bundles/v1.sift.zip")).isTrue();
        assertThat(local.allows("http://localhost:8081/bundles")).isFalse();
        assertThat(local.allows("http://localhost:8081/bundlesX/v1.sift.zip")).isFalse();
        assertThat(local.allows("http://localhost/bundles/v1.sift.zip")).isFalse();
        assertThat(local.allows("https://localhost:8081/bundles/v1.sift.zip")).isFalse();
        assertThat(local.allows(null)).isFalse();
    }
}
