package dev.sift.modelops.bundle;

import dev.sift.classifier.bundle.BundleJson;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seals a bundle directory: writes {@code manifest.json} with the SHA-256 of every other file, which is what a
 * gateway verifies ({@link ModelBundle#open}) before it loads anything.
 */
public final class BundleWriter {

    private BundleWriter() {
    }

    /**
     * Hashes every file of the directory (but the manifest) and writes the manifest.
     *
     * @param directory a directory holding the bundle's files
     * @param manifest the manifest; its file list is replaced
     * @return the opened, verified bundle
     */
    public static ModelBundle seal(Path directory, BundleManifest manifest) {
        Map<String, String> hashes = new TreeMap<>();
        try (var files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = directory.relativize(file).toString().replace('\\', '/');
                if (!name.equals(BundleManifest.FILE_NAME)) {
                    hashes.put(name, Sha256.ofFile(file));
                }
            }
            BundleJson.writer().writeValue(directory.resolve(BundleManifest.FILE_NAME).toFile(),
                    manifest.withFiles(hashes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of " + directory, e);
        }
        return ModelBundle.open(directory);
    }
}
