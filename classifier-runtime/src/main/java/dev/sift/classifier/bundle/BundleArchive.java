package dev.sift.classifier.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The single-file form of a bundle for shipping: a zip of the bundle directory (model-ops packs it:
 * {@code dev.sift.modelops.bundle.BundlePacker}). Unpacking refuses entries that would land outside the target and
 * archives that end early, then verifies the bundle.
 */
public final class BundleArchive {

    /** File name suffix of bundle archives. */
    public static final String SUFFIX = ".sift.zip";
    private static final long MAX_UNPACKED_BYTES = 4L << 30;

    private BundleArchive() {
    }

    /**
     * Unpacks and verifies an archive.
     *
     * @param archive a bundle archive
     * @param target an empty or absent directory
     * @return the verified bundle
     * @throws InvalidBundleException when the archive is truncated, unsafe or its bundle invalid
     */
    public static ModelBundle unpack(Path archive, Path target) {
        try {
            if (Files.exists(target)) {
                deleteRecursively(target);
            }
            Files.createDirectories(target);
            long total = 0;
            int entries = 0;
            try (InputStream in = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Path file = target.resolve(entry.getName()).normalize();
                    if (!file.startsWith(target.normalize())) {
                        throw new InvalidBundleException("archive " + archive + " has an entry outside the bundle: "
                                + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(file);
                        continue;
                    }
                    Files.createDirectories(file.getParent());
                    total += Files.copy(zip, file);
                    entries++;
                    if (total > MAX_UNPACKED_BYTES) {
                        throw new InvalidBundleException("archive " + archive + " unpacks to more than 4 GiB");
                    }
                }
            }
            if (entries == 0) {
                throw new InvalidBundleException("archive " + archive + " is empty or not a zip file");
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new InvalidBundleException("archive " + archive + " is truncated or corrupt: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InvalidBundleException("cannot unpack " + archive + ": " + e.getMessage(), e);
        }
        return ModelBundle.open(target);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
