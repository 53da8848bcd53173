package dev.sift.gateway.release;

import dev.sift.schema.ModelRelease;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The highest release sequence this gateway accepted, kept in its release cache directory so that it survives
 * restarts: a release is taken only when it is newer (or is that very release, taken again after a restart). A replayed
 * old release, or a compacted topic whose newest release was deleted, cannot take the gateway back; only an operator
 * can ({@code POST /model/rollback}, {@code sift.releases.pinned-version}), and after a rollback the release rolled
 * back from is not taken again.
 *
 * <p>The file only ever moves up, only for releases whose signatures verified, and is replaced atomically. Whoever
 * can write the topic cannot write it; a gateway that lost it (a new disk) starts over from its configured bundle and
 * the newest signed release on the topic.
 */
@Singleton
public final class SequenceFloor {

    /** File name in the release cache directory (versions cannot start with '.', so no release can collide). */
    static final String FILE = ".accepted-release";

    private final Path file;
    private long sequence = Long.MIN_VALUE;
    private String version = "";

    /**
     * @param config release settings: the floor lives in the cache directory
     */
    @Inject
    public SequenceFloor(ReleaseConfig config) {
        this(Path.of(config.getCacheDir()));
    }

    /**
     * @param cacheDir the release cache directory
     * @throws IllegalStateException when the file exists but cannot be read: the gateway refuses to forget
     */
    public SequenceFloor(Path cacheDir) {
        this.file = cacheDir.resolve(FILE);
        if (Files.exists(file)) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                props.load(in);
                sequence = Long.parseLong(props.getProperty("sequence", "").trim());
                version = props.getProperty("version", "");
            } catch (IOException | NumberFormatException e) {
                throw new IllegalStateException("cannot read the highest accepted release sequence from " + file
                        + " (" + e + "): fix or delete it knowingly, deleting lets older signed releases back in", e);
            }
        }
    }

    /**
     * @param release an authenticated release
     * @return whether it is newer than every release accepted before, or the release accepted last (not rolled back)
     */
    public synchronized boolean admits(ModelRelease release) {
        return release.getSequence() > sequence
                || (release.getSequence() == sequence && release.getVersion().equals(version));
    }

    /**
     * Records that a release went live; the floor only moves up.
     *
     * @param release the release now serving
     */
    public synchronized void accepted(ModelRelease release) {
        if (release.getSequence() > sequence) {
            write(release.getSequence(), release.getVersion());
        }
    }

    /** Records an operator's rollback: the release at the floor is not taken again, only a newer one. */
    public synchronized void rolledBack() {
        if (!version.isEmpty()) {
            write(sequence, "");
        }
    }

    /** @return the highest accepted sequence, {@link Long#MIN_VALUE} when none */
    public synchronized long sequence() {
        return sequence;
    }

    /** @return the version accepted at that sequence, empty when none or rolled back */
    public synchronized String version() {
        return version;
    }

    private void write(long newSequence, String newVersion) {
        Properties props = new Properties();
        props.setProperty("sequence", Long.toString(newSequence));
        props.setProperty("version", newVersion);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(FILE + ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                props.store(out, "highest release sequence this gateway accepted: older releases are refused");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the accepted release sequence in " + file, e);
        }
        sequence = newSequence;
        version = newVersion;
    }
}
