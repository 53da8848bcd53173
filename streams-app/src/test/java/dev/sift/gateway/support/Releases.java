package dev.sift.gateway.support;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.schema.ModelRelease;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds releases of real bundle archives for specifications: signed, tampered, unsigned, corrupt. */
public final class Releases {

    private Releases() {
    }

    /**
     * @param bundle a bundle
     * @param folder where to write the archive
     * @return the archive
     */
    public static Path archive(ModelBundle bundle, Path folder) {
        return BundleArchive.pack(bundle, folder.resolve(bundle.version() + BundleArchive.SUFFIX));
    }

    /**
     * @param version release version
     * @param sequence release sequence
     * @param archive the archive
     * @param keys signing keys, or null for an unsigned release
     * @param bundle the bundle (for its labels)
     * @return a release whose hash and signature match the archive
     */
    public static ModelRelease signed(String version, long sequence, Path archive, KeyPair keys, ModelBundle bundle) {
        String sha = Sha256.ofFile(archive);
        return ModelRelease.newBuilder()
                .setVersion(version).setSequence(sequence).setBundleUri(archive.toUri().toString()).setSha256(sha)
                .setSignature(keys == null ? null : BundleSignatures.sign(sha, keys.getPrivate()))
                .setSigningKeyId(keys == null ? null : BundleSignatures.keyId(keys.getPublic()))
                .setSizeBytes(archive.toFile().length()).setBaseModel("test")
                .setIntents(bundle.manifest().intents().map(BundleManifest.Head::labels).orElse(List.of()))
                .setMetrics(Map.of()).setCreatedAt(Instant.now()).build();
    }
}
