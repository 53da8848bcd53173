package dev.sift.gateway.support;

import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.modelops.bundle.BundleWriter;
import dev.sift.modelops.bundle.DefaultBundle;
import dev.sift.modelops.console.Progress;
import dev.sift.modelops.optimize.Int8Bundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;

/**
 * Real bundles for gateway specifications: the default one, its context-aware twin, and the default one's INT8 twin,
 * also under other versions.
 */
public final class TestBundles {

    private TestBundles() {
    }

    /** @return the default bundle (built once per machine) */
    public static ModelBundle defaultBundle() {
        return DefaultBundle.ensure(Progress.NONE);
    }

    /** @return the default context-aware bundle (built once per machine) */
    public static ModelBundle contextBundle() {
        return DefaultBundle.ensureContext(Progress.NONE);
    }

    /**
     * The default bundle's INT8 twin, what gateways run by default, made once per machine and cached beside the
     * default bundle (where the main command keeps it too). It is written aside and moved into place, so that test
     * runs side by side never read one half written.
     *
     * @return the sealed INT8 bundle (with its own golden set)
     */
    public static ModelBundle defaultInt8() {
        ModelBundle base = defaultBundle();
        String version = base.version() + "-" + Int8Bundle.RECIPE;
        Path target = base.directory().resolveSibling(version);
        if (!Files.exists(target.resolve(BundleManifest.FILE_NAME))) {
            Path partial = target.resolveSibling(version + ".partial-" + ProcessHandle.current().pid());
            Int8Bundle.of(base, version, partial);
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException madeMeanwhile) {
                deleteRecursively(partial);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the INT8 twin into " + target, e);
            }
        }
        return ModelBundle.open(target);
    }

    /**
     * The default bundle's INT8 twin under another version: its files copied, a manifest of its own. Quantizing the
     * default bundle again would write the same files.
     *
     * @param folder where to write it
     * @param version its version
     * @return the sealed INT8 bundle (with its golden set)
     */
    public static ModelBundle int8(Path folder, String version) {
        Path target = folder.resolve(version);
        if (Files.exists(target.resolve(BundleManifest.FILE_NAME))) {
            return ModelBundle.open(target);
        }
        ModelBundle twin = defaultInt8();
        try {
            Files.createDirectories(target);
            try (var files = Files.list(twin.directory())) {
                for (Path file : files.filter(f -> !f.getFileName().toString().equals(BundleManifest.FILE_NAME))
                        .toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the INT8 twin to " + target, e);
        }
        BundleManifest m = twin.manifest();
        return BundleWriter.seal(target, new BundleManifest(m.formatVersion(), m.name(), version, Instant.now(),
                m.baseModel(), m.maxTokens(), m.precision(), m.modelFile(), m.tokenizerFile(), m.heads(), m.metrics(),
                m.files(), m.provenance(), m.context()));
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
