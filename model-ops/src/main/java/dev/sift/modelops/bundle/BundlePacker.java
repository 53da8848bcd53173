package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a bundle directory into its single-file form for shipping ({@link BundleArchive}, which gateways unpack):
 * entries in name order with a fixed time, so packing the same bundle twice gives the same bytes.
 */
public final class BundlePacker {

    private BundlePacker() {
    }

    /**
     * @param bundle a verified bundle
     * @param archive the zip file to write (by convention ending in {@link BundleArchive#SUFFIX})
     * @return the archive
     * @throws InvalidBundleException when it cannot be written
     */
    public static Path pack(ModelBundle bundle, Path archive) {
        try {
            Files.createDirectories(archive.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(out);
                 var files = Files.walk(bundle.directory())) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = bundle.directory().relativize(file).toString().replace('\\', '/');
                    ZipEntry entry = new ZipEntry(name);
                    entry.setTime(0L);
                    zip.putNextEntry(entry);
                    Files.copy(file, zip);
                    zip.closeEntry();
                }
            }
            return archive;
        } catch (IOException e) {
            throw new InvalidBundleException("cannot pack " + bundle + " into " + archive + ": " + e.getMessage(), e);
        }
    }
}
