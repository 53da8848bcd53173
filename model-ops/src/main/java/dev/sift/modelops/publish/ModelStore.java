package dev.sift.modelops.publish;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.bundle.BundlePacker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Where published bundles live: a directory of {@code <version>.sift.zip} archives, which model-ops also serves over
 * HTTP. Archives are written once and never modified.
 */
public final class ModelStore {

    private final Path directory;

    /**
     * @param directory the store directory (created when absent)
     */
    public ModelStore(Path directory) {
        this.directory = directory;
    }

    /**
     * An archive in the store.
     *
     * @param fileName file name inside the store
     * @param path where it is
     * @param sha256 its SHA-256, hex
     * @param sizeBytes its size
     */
    public record Stored(String fileName, Path path, String sha256, long sizeBytes) {
    }

    /**
     * Packs a bundle into the store (once per version).
     *
     * @param bundle a verified bundle
     * @return the stored archive
     */
    public Stored put(ModelBundle bundle) {
        String fileName = bundle.version() + BundleArchive.SUFFIX;
        Path target = directory.resolve(fileName);
        try {
            Files.createDirectories(directory);
            if (!Files.exists(target)) {
                Path partial = directory.resolve(fileName + ".partial");
                BundlePacker.pack(bundle, partial);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return new Stored(fileName, target, Sha256.ofFile(target), Files.size(target));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store bundle " + bundle.version() + " in " + directory, e);
        }
    }

    /**
     * @param fileName an archive name (no path)
     * @return the archive, when the store has it
     */
    public Optional<Path> find(String fileName) {
        if (!fileName.endsWith(BundleArchive.SUFFIX) || fileName.contains("/") || fileName.contains("\\")
                || fileName.startsWith(".")) {
            return Optional.empty();
        }
        Path file = directory.resolve(fileName);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** @return the store directory */
    public Path directory() {
        return directory;
    }
}
