package dev.sift.gateway.release;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Downloads a release's archive ({@code file:}, {@code http:}, {@code https:}) into the local cache, size-limited. */
public final class BundleFetcher {

    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;

    /**
     * @param timeout how long a download may take
     * @param maxBytes largest archive accepted
     */
    public BundleFetcher(Duration timeout, long maxBytes) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * @param uri the archive's location
     * @param target where to put it
     * @return the local file
     * @throws ReleaseRejectedException with reason {@code unreachable} when it cannot be fetched
     */
    public Path fetch(URI uri, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            switch (uri.getScheme() == null ? "" : uri.getScheme()) {
                case "file" -> copy(Files.newInputStream(Path.of(uri)), partial);
                case "http", "https" -> {
                    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET()
                            .build(), HttpResponse.BodyHandlers.ofInputStream());
                    if (response.statusCode() != 200) {
                        response.body().close();
                        throw new ReleaseRejectedException("unreachable", "model store answered HTTP "
                                + response.statusCode() + " for " + uri);
                    }
                    copy(response.body(), partial);
                }
                default -> throw new ReleaseRejectedException("unreachable", "unsupported bundle URI " + uri);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new ReleaseRejectedException("unreachable", "cannot fetch " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReleaseRejectedException("unreachable", "interrupted while fetching " + uri, e);
        }
    }

    private void copy(InputStream in, Path target) throws IOException {
        try (InputStream source = in; var out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = source.read(buffer)) > 0; ) {
                total += n;
                if (total > maxBytes) {
                    throw new ReleaseRejectedException("too-large", "archive is larger than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
    }
}
