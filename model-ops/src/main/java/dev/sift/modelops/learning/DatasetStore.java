package dev.sift.modelops.learning;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sift.classifier.bundle.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The feedback data sets in the model store: {@code <store>/datasets/<version>/} with {@code examples.jsonl} and
 * {@code manifest.json}, written once (into a partial directory renamed into place, so a reader never sees half a
 * version), verified against their version when read, the oldest pruned; and the collector's state
 * ({@code state.json}, replaced atomically).
 */
public final class DatasetStore {

    /** File of a version's examples. */
    public static final String EXAMPLES = "examples.jsonl";
    /** File of a version's manifest. */
    public static final String MANIFEST = "manifest.json";
    private static final String STATE = "state.json";
    private static final String PARTIAL = ".partial-";
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{" + DatasetVersion.VERSION_LENGTH + "}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path root;

    /**
     * @param root the data sets directory, {@code <store>/datasets} (created when absent)
     */
    public DatasetStore(Path root) {
        this.root = root;
    }

    /** @return the data sets directory */
    public Path root() {
        return root;
    }

    /**
     * Writes a version unless the store has it already (same version, same content).
     *
     * @param version the version
     * @return the directory holding it
     */
    public Path write(DatasetVersion version) {
        Path target = directory(version.version());
        if (Files.exists(target.resolve(MANIFEST))) {
            return target;
        }
        Path partial = root.resolve(PARTIAL + version.version() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(partial);
            Files.write(partial.resolve(EXAMPLES), version.content().getBytes(StandardCharsets.UTF_8));
            JSON.writeValue(partial.resolve(MANIFEST).toFile(), version.manifest());
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            deleteQuietly(partial);
            if (Files.exists(target.resolve(MANIFEST))) {
                return target;
            }
            throw new UncheckedIOException("cannot write data set " + version.version() + " to " + target, e);
        }
    }

    /**
     * @param version a version
     * @return it, when the store has it
     * @throws IllegalStateException when its files do not match its version
     */
    public Optional<DatasetVersion> read(String version) {
        if (version == null || !VERSION.matcher(version).matches()) {
            return Optional.empty();
        }
        Path dir = directory(version);
        if (!Files.exists(dir.resolve(MANIFEST))) {
            return Optional.empty();
        }
        try {
            String content = Files.readString(dir.resolve(EXAMPLES), StandardCharsets.UTF_8);
            String hash = Sha256.of(content.getBytes(StandardCharsets.UTF_8)).substring(0,
                    DatasetVersion.VERSION_LENGTH);
            if (!hash.equals(version)) {
                throw new IllegalStateException("data set " + dir + " is corrupt: its examples hash to " + hash);
            }
            DatasetManifest manifest = JSON.readValue(dir.resolve(MANIFEST).toFile(), DatasetManifest.class);
            List<DatasetVersion.Entry> entries = new ArrayList<>();
            for (String line : content.split("\n")) {
                if (!line.isEmpty()) {
                    ExampleLines.Parsed parsed = ExampleLines.parse(line);
                    entries.add(new DatasetVersion.Entry(parsed.example(), parsed.heldOut()));
                }
            }
            return Optional.of(new DatasetVersion(manifest, entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data set " + dir, e);
        }
    }

    /** @return the manifests of every version, newest first */
    public List<DatasetManifest> manifests() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<DatasetManifest> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(d -> VERSION.matcher(d.getFileName().toString()).matches()).toList()) {
                Path manifest = dir.resolve(MANIFEST);
                if (Files.exists(manifest)) {
                    out.add(JSON.readValue(manifest.toFile(), DatasetManifest.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list data sets in " + root, e);
        }
        out.sort(Comparator.comparing((DatasetManifest m) -> Instant.parse(m.createdAt())).reversed());
        return out;
    }

    /**
     * Deletes all but the newest versions, never the current one, and partial directories left by a crash.
     *
     * @param keep versions to keep
     * @param current the current version (kept in any case), or null
     * @return the versions deleted
     */
    public List<String> prune(int keep, String current) {
        List<String> deleted = new ArrayList<>();
        List<DatasetManifest> all = manifests();
        for (int i = 0; i < all.size(); i++) {
            String version = all.get(i).version();
            if (i >= keep && !version.equals(current)) {
                deleteQuietly(directory(version));
                deleted.add(version);
            }
        }
        try (Stream<Path> dirs = Files.list(root)) {
            dirs.filter(d -> d.getFileName().toString().startsWith(PARTIAL)).forEach(DatasetStore::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list data sets in " + root, e);
        }
        return deleted;
    }

    /**
     * @param version a version
     * @return its directory
     */
    public Path directory(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("not a data set version: " + version);
        }
        return root.resolve(version);
    }

    /** @return the collector's state, when one was written */
    public Optional<CollectorState> readState() {
        Path file = root.resolve(STATE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), CollectorState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the learning state " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the collector's state atomically.
     *
     * @param state the state
     */
    public void writeState(CollectorState state) {
        Path file = root.resolve(STATE);
        Path partial = root.resolve(STATE + ".partial");
        try {
            Files.createDirectories(root);
            JSON.writeValue(partial.toFile(), state);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the learning state " + file, e);
        }
    }

    /**
     * Moves an unreadable state aside, so that the collector can start again from the newest version.
     *
     * @return where it was moved
     */
    public Path setStateAside() {
        Path file = root.resolve(STATE);
        Path aside = root.resolve(STATE + ".unreadable-" + System.currentTimeMillis());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            return aside;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + file + " aside", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
