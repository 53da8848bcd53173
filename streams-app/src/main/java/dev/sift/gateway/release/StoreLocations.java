package dev.sift.gateway.release;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a gateway may fetch release archives from ({@code sift.releases.stores}): directories ({@code file:} URIs)
 * and HTTP(S) prefixes ({@code http://host:port/path/}). A release's URI is signed, but a gateway still fetches only
 * from these places, so that neither a mistake nor a stolen key turns it into a reader of its own files or a client of
 * internal hosts.
 */
public final class StoreLocations {

    private final List<Path> directories = new ArrayList<>();
    private final List<URI> prefixes = new ArrayList<>();

    /**
     * @param locations {@code file:} directory URIs and {@code http(s)://} prefixes
     * @throws IllegalArgumentException for anything else
     */
    public StoreLocations(List<String> locations) {
        for (String location : locations) {
            URI uri = parse(location.trim())
                    .orElseThrow(() -> new IllegalArgumentException("not a store location URI: " + location));
            String scheme = scheme(uri);
            if (scheme.equals("file") && uri.getPath() != null && !plainPath(uri.getRawPath()).isEmpty()) {
                directories.add(Path.of(uri.getPath()).toAbsolutePath().normalize());
            } else if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && !plainPath(uri.getRawPath()).isEmpty()) {
                String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
                prefixes.add(URI.create(scheme + "://" + uri.getRawAuthority() + (path.endsWith("/") ? path : path + "/")));
            } else {
                throw new IllegalArgumentException("a store location is a file: directory or an http(s):// prefix"
                        + " without user, query or fragment: " + location);
            }
        }
    }

    /**
     * Whether a URI is inside a configured location, by its text alone (no I/O): {@code file:} inside a directory,
     * {@code http(s):} on the same scheme, host and port, under the prefix's path, with no dot segments, escapes,
     * user, query or fragment.
     *
     * @param location a release's bundle URI
     * @return whether it may be fetched
     */
    public boolean allows(String location) {
        Optional<URI> parsed = parse(location);
        if (parsed.isEmpty()) {
            return false;
        }
        URI uri = parsed.get();
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || plainPath(uri.getRawPath()).isEmpty()) {
            return false;
        }
        String scheme = scheme(uri);
        if (scheme.equals("file")) {
            return (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty())
                    && fileInside(Path.of(uri.getPath())).isPresent();
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        return prefixes.stream().anyMatch(p -> scheme(p).equals(scheme)
                && p.getHost().equalsIgnoreCase(uri.getHost() == null ? "" : uri.getHost())
                && port(p) == port(uri) && uri.getRawPath().startsWith(p.getRawPath())
                && uri.getRawPath().length() > p.getRawPath().length());
    }

    /**
     * Resolves a {@code file:} URI to the regular file it names, following symbolic links, and checks the real file
     * is still inside a configured directory (itself resolved).
     *
     * @param uri an allowed {@code file:} URI
     * @return the real file, when it is a regular file inside a store directory
     */
    public Optional<Path> realFile(URI uri) {
        if (!allows(uri.toString())) {
            return Optional.empty();
        }
        try {
            Path real = Path.of(uri.getPath()).toRealPath();
            for (Path directory : directories) {
                if (Files.isDirectory(directory) && real.startsWith(directory.toRealPath())
                        && Files.isRegularFile(real)) {
                    return Optional.of(real);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        directories.forEach(d -> all.add(d.toUri().toString()));
        prefixes.forEach(p -> all.add(p.toString()));
        return all.toString();
    }

    private Optional<Path> fileInside(Path path) {
        Path normalized = path.toAbsolutePath().normalize();
        return directories.stream().filter(d -> normalized.startsWith(d) && !normalized.equals(d)).findFirst();
    }

    private static Optional<URI> parse(String text) {
        if (text == null || text.length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && !uri.isOpaque() ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The raw path when it has no escapes, no backslash and no "." or ".." segment; empty otherwise. */
    private static String plainPath(String rawPath) {
        if (rawPath == null || rawPath.contains("%") || rawPath.contains("\\")) {
            return "";
        }
        for (String segment : rawPath.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return "";
            }
        }
        return rawPath.isEmpty() ? "/" : rawPath;
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : scheme(uri).equals("https") ? 443 : 80;
    }
}
