package dev.sift.gateway.support;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.BundleManifest;
import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.modelops.bundle.BundlePacker;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.release.ReleaseSignedForm;
import java.net.URI;
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
        return BundlePacker.pack(bundle, folder.resolve(bundle.version() + BundleArchive.SUFFIX));
    }

    /**
     * @param version release version
     * @param sequence release sequence
     * @param archive the archive
     * @param keys signing keys, or null for an unsigned release
     * @param bundle the bundle (for its labels)
     * @return a release whose hash and size match the archive, signed over its signed form as model-ops signs
     */
    public static ModelRelease signed(String version, long sequence, Path archive, KeyPair keys, ModelBundle bundle) {
        return signed(version, sequence, archive.toUri(), archive, keys, bundle);
    }

    /**
     * @param version release version
     * @param sequence release sequence
     * @param uri where gateways fetch the archive
     * @param archive the archive (for its hash and size)
     * @param keys signing keys, or null for an unsigned release
     * @param bundle the bundle (for its labels)
     * @return a release whose hash and size match the archive, signed over its signed form as model-ops signs
     */
    public static ModelRelease signed(String version, long sequence, URI uri, Path archive, KeyPair keys,
            ModelBundle bundle) {
        ModelRelease release = ModelRelease.newBuilder()
                .setVersion(version).setSequence(sequence).setBundleUri(uri.toString())
                .setSha256(Sha256.ofFile(archive)).setSignature(null).setSignatureScheme(ReleaseSignedForm.SCHEME)
                .setSizeBytes(archive.toFile().length()).setBaseModel("test")
                .setIntents(bundle.manifest().intents().map(BundleManifest.Head::labels).orElse(List.of()))
                .setMetrics(Map.of()).setCreatedAt(Instant.ofEpochMilli(System.currentTimeMillis())).build();
        return keys == null ? release : resigned(release, keys);
    }

    /**
     * @param version release version
     * @param sequence release sequence
     * @return an unsigned release with placeholder fields, for specifications that never fetch or verify it
     */
    public static ModelRelease placeholder(String version, long sequence) {
        return ModelRelease.newBuilder().setVersion(version).setSequence(sequence).setBundleUri("file:/s/x")
                .setSha256("00").setSizeBytes(1).setBaseModel("m").setIntents(List.of()).setMetrics(Map.of())
                .setCreatedAt(Instant.EPOCH).build();
    }

    /**
     * @param release a release, changed or not
     * @param keys signing keys
     * @return the release signed (again) by those keys over its current fields
     */
    public static ModelRelease resigned(ModelRelease release, KeyPair keys) {
        ModelRelease copy = ModelRelease.newBuilder(release).setSigningKeyId(BundleSignatures.keyId(keys.getPublic()))
                .setSignatureScheme(ReleaseSignedForm.SCHEME).build();
        copy.setSignature(SigningKeys.sign(ReleaseSignedForm.of(copy), keys.getPrivate()));
        return copy;
    }
}
