package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.GoldenSet;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.gateway.policy.DefaultPolicyConfig;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.policy.PolicyDirectory;
import dev.sift.gateway.support.Releases;
import dev.sift.gateway.support.TestBundles;
import dev.sift.modelops.bundle.BundlePacker;
import dev.sift.modelops.bundle.BundleWriter;
import dev.sift.modelops.bundle.GoldenSetRecorder;
import dev.sift.modelops.publish.SigningKeys;
import dev.sift.schema.ModelRelease;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a release can be wrong is refused with its reason, before anything touches the live model. */
class ReleaseInstallerIT {

    @TempDir
    Path dir;

    @TempDir
    static Path shared;
    private static Path packed;

    private ModelBundle bundle;
    private KeyPair trustedKeys;
    private ReleaseInstaller installer;

    @BeforeEach
    void trustOneKey() throws Exception {
        // What model-ops releases: an INT8 bundle (a quarter of the FP32 one's bytes to pack, hash and unpack)
        bundle = TestBundles.defaultInt8();
        trustedKeys = SigningKeys.generate();
        SigningKeys.write(trustedKeys, dir.resolve("keys"), "trusted");
        installer = installer(new DefaultPolicyConfig());
    }

    private ReleaseInstaller installer(DefaultPolicyConfig policy) {
        ReleaseConfig config = new ReleaseConfig();
        config.setTrustedKeys(List.of(dir.resolve("keys/trusted.pub").toString()));
        config.setCacheDir(dir.resolve("cache").toString());
        config.setStores(List.of(dir.resolve("store").toUri().toString(), "http://127.0.0.1:9/"));
        return new ReleaseInstaller(config, new ModelLoader(new ModelConfig()), PolicyDirectory.withoutStreams(new PolicyBook(policy.toPolicy())));
    }

    /** A copy of the default bundle's archive in this test's store (packed once: packing takes seconds). */
    private Path archive() {
        try {
            if (packed == null) {
                packed = Releases.archive(bundle, shared);
            }
            Files.createDirectories(dir.resolve("store"));
            return Files.copy(packed, dir.resolve("store").resolve(packed.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void shouldPrepareASignedReleaseWithoutTouchingAnythingLive() {
        ModelRelease release = Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle);

        ReleaseInstaller.Ready ready = installer.prepare(release);

        assertThat(ready.classifier().info().version()).isEqualTo(bundle.version());
        assertThat(ready.loadMillis()).isPositive();
        ready.classifier().close();
    }

    @Test
    void shouldRefuseATamperedSignature() {
        ModelRelease release = Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle);
        byte[] signature = java.util.Base64.getDecoder().decode(release.getSignature());
        signature[5] ^= 1;
        release.setSignature(java.util.Base64.getEncoder().encodeToString(signature));

        assertRefused(release, RejectionReason.BAD_SIGNATURE, "does not verify");
    }

    @Test
    void shouldRefuseAnUnsignedRelease() {
        assertRefused(Releases.signed(bundle.version(), 1, archive(), null, bundle), RejectionReason.UNSIGNED,
                "is not signed");
    }

    @Test
    void shouldRefuseAReleaseSignedByAnUntrustedKey() {
        assertRefused(Releases.signed(bundle.version(), 1, archive(), SigningKeys.generate(), bundle),
                RejectionReason.UNTRUSTED_KEY, "does not trust");
    }

    @Test
    void shouldRefuseAnArchiveThatDoesNotMatchItsHash() throws Exception {
        Path archive = archive();
        ModelRelease release = Releases.signed(bundle.version(), 1, archive, trustedKeys, bundle);
        byte[] bytes = Files.readAllBytes(archive);
        bytes[bytes.length / 2] ^= 1;
        Files.write(archive, bytes);

        assertRefused(release, RejectionReason.BAD_HASH, "differs from the signed one");
    }

    @Test
    void shouldRefuseAnArchiveThatIsNotOfTheSignedSize() throws Exception {
        Path archive = archive();
        ModelRelease release = Releases.signed(bundle.version(), 1, archive, trustedKeys, bundle);
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length - 10));

        assertRefused(release, RejectionReason.SIZE_MISMATCH, "signed size");
    }

    @Test
    void shouldRefuseAReleaseSignedTheOldWayOverItsArchiveHashOnly() {
        ModelRelease release = Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle);
        release.setSignatureScheme(null);
        release.setSignature(SigningKeys.sign(java.util.HexFormat.of().parseHex(release.getSha256()),
                trustedKeys.getPrivate()));

        assertRefused(release, RejectionReason.UNSUPPORTED_SIGNATURE, "signed the old way");
    }

    @Test
    void shouldRefuseAnOldReleaseReplayedWithAHigherSequence() {
        ModelRelease release = Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle);
        release.setSequence(Long.MAX_VALUE);

        assertRefused(release, RejectionReason.BAD_SIGNATURE, "was changed");
    }

    @Test
    void shouldRefuseAPathVersionBeforeTouchingAnyFile() throws Exception {
        // Given a signed release whose version would name the cache's parent
        Path marker = Files.writeString(dir.resolve("marker"), "keep me");
        ModelRelease release = Releases.resigned(ModelRelease.newBuilder(
                Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle)).setVersion("..").build(),
                trustedKeys);

        assertRefused(release, RejectionReason.INVALID_VERSION, "is not 1 to 128");

        // Then nothing was fetched, nothing deleted
        assertThat(marker).hasContent("keep me");
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void shouldRefuseAFileOutsideTheStoresWithoutSayingAnythingAboutIt() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "password=hunter2");
        ModelRelease release = Releases.signed(bundle.version(), 1, secret.toUri(), secret, trustedKeys, bundle);

        assertRefused(release, RejectionReason.STORE_NOT_ALLOWED, "not in a configured store location");
        assertThatThrownBy(() -> installer.prepare(release)).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain("hunter2").doesNotContain(dev.sift.classifier.bundle.Sha256.ofFile(secret)));
    }

    @Test
    void shouldRefuseAReleaseAboveTheSizeCapBeforeFetchingIt() {
        ModelRelease release = Releases.resigned(ModelRelease.newBuilder(
                Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle)).setSizeBytes((1L << 30) + 1)
                .build(), trustedKeys);

        assertRefused(release, RejectionReason.TOO_LARGE, "above the limit");
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void shouldRefuseACorruptArchiveEvenWhenSignedAsIs() throws Exception {
        Path archive = archive();
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));

        assertRefused(Releases.signed(bundle.version(), 1, archive, trustedKeys, bundle), RejectionReason.CORRUPT, "");
    }

    @Test
    void shouldRefuseABundleThatFailsItsCanary() throws Exception {
        // Given a bundle whose golden outputs do not match what its graph computes (re-sealed and signed)
        Path copy = dir.resolve("canary");
        Files.createDirectories(copy);
        try (var files = Files.list(bundle.directory())) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        GoldenSet golden = GoldenSet.of(bundle).orElseThrow();
        float[] shifted = golden.cases().get(1).intents().clone();
        shifted[0] += 0.5f;
        List<GoldenSet.Case> cases = new java.util.ArrayList<>(golden.cases());
        cases.set(1, new GoldenSet.Case(cases.get(1).text(), shifted, cases.get(1).reputation()));
        GoldenSetRecorder.write(new GoldenSet(golden.tolerance(), cases), copy);
        ModelBundle lying = BundleWriter.seal(copy, bundle.manifest());
        Path archive = BundlePacker.pack(lying, dir.resolve("store/lying" + BundleArchive.SUFFIX));

        assertRefused(Releases.signed(bundle.version(), 1, archive, trustedKeys, lying), RejectionReason.CANARY_MISMATCH,
                "canary check of");
    }

    @Test
    void shouldRefuseAModelWithoutAnIntentThePoliciesUse() {
        DefaultPolicyConfig policy = new DefaultPolicyConfig();
        policy.setIntentThresholds(Map.of("loyalty_points", 0.5f));
        installer = installer(policy);

        assertRefused(Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle),
                RejectionReason.INCOMPATIBLE_LABELS,
                "loyalty_points");
    }

    @Test
    void shouldRefuseAReleaseWhoseStoreIsUnreachable() {
        ModelRelease release = Releases.resigned(ModelRelease.newBuilder(
                Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle))
                .setBundleUri("http://127.0.0.1:9/nowhere.sift.zip").build(), trustedKeys);

        assertRefused(release, RejectionReason.UNREACHABLE, "cannot fetch");
    }

    private void assertRefused(ModelRelease release, RejectionReason reason, String message) {
        assertThatThrownBy(() -> installer.prepare(release))
                .isInstanceOf(ReleaseRejectedException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ReleaseRejectedException) e).reason()).isEqualTo(reason));
    }
}
