package dev.sift.modelops.retrain;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.publish.ModelStore;
import dev.sift.schema.ModelRelease;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The model a candidate must beat: the newest release model-ops signed, its archive taken from the model store and
 * checked against the release's SHA-256; or, before any release, the base bundle (what gateways start with).
 *
 * @param version its version
 * @param bundle the bundle
 * @param intents its intents
 * @param description what it is, for messages
 */
public record LiveModel(String version, ModelBundle bundle, List<String> intents, String description) {

    /**
     * @param release the newest trusted release, if any
     * @param base the base bundle
     * @param store the model store
     * @param workDir where the live archive is unpacked
     * @return the live model
     * @throws IllegalStateException when the release's archive is not in the store or does not match it
     */
    public static LiveModel resolve(Optional<ModelRelease> release, ModelBundle base, ModelStore store,
            Path workDir) {
        if (release.isEmpty()) {
            return new LiveModel(base.version(), base, intentsOf(base), "base bundle " + base.version()
                    + " (no release yet)");
        }
        ModelRelease live = release.get();
        String file = live.getVersion() + BundleArchive.SUFFIX;
        Path archive = store.find(file).orElseThrow(() -> new IllegalStateException("cannot judge against live"
                + " release " + live.getVersion() + ": its archive " + file + " is not in the model store "
                + store.directory()));
        String sha256 = Sha256.ofFile(archive);
        if (!sha256.equalsIgnoreCase(live.getSha256())) {
            throw new IllegalStateException("cannot judge against live release " + live.getVersion() + ": the"
                    + " store's archive has SHA-256 " + sha256 + ", the release says " + live.getSha256());
        }
        ModelBundle bundle = BundleArchive.unpack(archive, workDir.resolve("live"));
        return new LiveModel(live.getVersion(), bundle, intentsOf(bundle), "live release " + live.getVersion());
    }

    private static List<String> intentsOf(ModelBundle bundle) {
        return bundle.manifest().intents().map(h -> h.labels()).orElse(List.of());
    }
}
