package dev.sift.gateway.release;

import dev.sift.schema.ModelRelease;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads an authenticated release's archive into the local cache: only from the configured store locations
 * ({@code file:} after resolving symbolic links, {@code http(s):} without following redirects), reading no more than
 * the signed size, hashing on the way, and leaving no partial file behind whatever fails.
 */
public final class BundleFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(BundleFetcher.class);

    private final HttpClient http;
    private final Duration timeout;
    private final StoreLocations stores;

    /**
     * @param timeout how long a store may take to answer
     * @param stores where archives may come from
     */
    public BundleFetcher(Duration timeout, StoreLocations stores) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
        this.stores = stores;
    }

    /**
     * @param release an authenticated release (its URI, size and hash are signed)
     * @param target where to put the archive
     * @return the archive, of the signed size and SHA-256
     * @throws ReleaseRejectedException when it cannot be fetched from an allowed place, or is not what was signed
     */
    public Path fetch(ModelRelease release, Path target) {
        if (!stores.allows(release.getBundleUri())) {
            throw new ReleaseRejectedException(RejectionReason.STORE_NOT_ALLOWED, "the archive's URI is not inside"
                    + " a configured store location (sift.releases.stores)");
        }
        URI uri = URI.create(release.getBundleUri());
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        boolean done = false;
        try {
            Files.createDirectories(target.getParent());
            String sha;
            try (InputStream in = open(uri, release.getSizeBytes())) {
                sha = copy(in, partial, release.getSizeBytes());
            }
            if (!sha.equals(release.getSha256())) {
                LOG.warn("release {}: archive from {} has SHA-256 {}, signed {}", release.getVersion(), uri, sha,
                        release.getSha256());
                throw new ReleaseRejectedException(RejectionReason.BAD_HASH,
                        "the archive's SHA-256 differs from the signed one");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return target;
        } catch (IOException e) {
            LOG.warn("release {}: cannot fetch {}: {}", release.getVersion(), uri, e.toString());
            throw new ReleaseRejectedException(RejectionReason.UNREACHABLE, "cannot fetch the archive from its store ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseRejectedException(RejectionReason.UNREACHABLE, "interrupted while fetching the archive", e);
        } finally {
            if (!done) {
                deleteQuietly(partial);
            }
        }
    }

    private InputStream open(URI uri, long signedSize) throws IOException, InterruptedException {
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            Path file = stores.realFile(uri).orElseThrow(() -> new ReleaseRejectedException(
                    RejectionReason.STORE_NOT_ALLOWED, "the archive is not a regular file inside a configured store"
                    + " directory (symbolic links resolved)"));
            if (Files.size(file) != signedSize) {
                throw sizeMismatch();
            }
            return Files.newInputStream(file);
        }
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status / 100 == 3) {
            response.body().close();
            throw new ReleaseRejectedException(RejectionReason.REDIRECTED, "the model store answered HTTP " + status
                    + " (a redirect): archives are fetched only from the configured store locations");
        }
        if (status != 200) {
            response.body().close();
            throw new ReleaseRejectedException(RejectionReason.UNREACHABLE, "the model store answered HTTP " + status);
        }
        OptionalLong length = response.headers().firstValueAsLong("Content-Length");
        if (length.isPresent() && length.getAsLong() != signedSize) {
            response.body().close();
            throw sizeMismatch();
        }
        return response.body();
    }

    /** Copies at most {@code signedSize} bytes, refusing more or fewer; returns their SHA-256. */
    private static String copy(InputStream in, Path target, long signedSize) throws IOException {
        MessageDigest digest = sha256();
        try (OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                if (total > signedSize) {
                    throw sizeMismatch();
                }
                digest.update(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            if (total != signedSize) {
                throw sizeMismatch();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static ReleaseRejectedException sizeMismatch() {
        return new ReleaseRejectedException(RejectionReason.SIZE_MISMATCH, "the archive is not of the signed size");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", file, e.toString());
        }
    }
}
