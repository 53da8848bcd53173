package dev.sift.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.BundleWriter;
import dev.sift.classifier.bundle.GoldenSet;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.gateway.classify.ModelConfig;
import dev.sift.gateway.classify.ModelLoader;
import dev.sift.gateway.policy.PolicyBook;
import dev.sift.gateway.policy.PolicyDirectory;
import dev.sift.gateway.policy.DefaultPolicyConfig;
import dev.sift.gateway.support.Releases;
import dev.sift.gateway.support.TestBundles;
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

    private ModelBundle bundle;
    private KeyPair trustedKeys;
    private ReleaseInstaller installer;

    @BeforeEach
    void trustOneKey() throws Exception {
        bundle = TestBundles.defaultBundle();
        trustedKeys = BundleSignatures.generate();
        BundleSignatures.write(trustedKeys, dir.resolve("keys"), "trusted");
        installer = installer(new DefaultPolicyConfig());
    }

    private ReleaseInstaller installer(DefaultPolicyConfig policy) {
        ReleaseConfig config = new ReleaseConfig();
        config.setTrustedKeys(List.of(dir.resolve("keys/trusted.pub").toString()));
        config.setCacheDir(dir.resolve("cache").toString());
        return new ReleaseInstaller(config, new ModelLoader(new ModelConfig()), PolicyDirectory.withoutStreams(new PolicyBook(policy.toPolicy())));
    }

    private Path archive() {
        return Releases.archive(bundle, dir.resolve("store"));
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

        assertRefused(release, "bad-signature", "does not verify");
    }

    @Test
    void shouldRefuseAnUnsignedRelease() {
        assertRefused(Releases.signed(bundle.version(), 1, archive(), null, bundle), "unsigned", "is not signed");
    }

    @Test
    void shouldRefuseAReleaseSignedByAnUntrustedKey() {
        assertRefused(Releases.signed(bundle.version(), 1, archive(), BundleSignatures.generate(), bundle),
                "untrusted-key", "does not trust");
    }

    @Test
    void shouldRefuseAnArchiveThatDoesNotMatchItsHash() throws Exception {
        Path archive = archive();
        ModelRelease release = Releases.signed(bundle.version(), 1, archive, trustedKeys, bundle);
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length - 10));

        assertRefused(release, "bad-hash", "differs from the release");
    }

    @Test
    void shouldRefuseACorruptArchiveEvenWhenSignedAsIs() throws Exception {
        Path archive = archive();
        byte[] bytes = Files.readAllBytes(archive);
        Files.write(archive, Arrays.copyOf(bytes, bytes.length / 2));

        assertRefused(Releases.signed(bundle.version(), 1, archive, trustedKeys, bundle), "corrupt", "");
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
        new GoldenSet(golden.tolerance(), cases).writeTo(copy);
        ModelBundle lying = BundleWriter.seal(copy, bundle.manifest());
        Path archive = BundleArchive.pack(lying, dir.resolve("lying" + BundleArchive.SUFFIX));

        assertRefused(Releases.signed(bundle.version(), 1, archive, trustedKeys, lying), "canary-mismatch",
                "canary check of");
    }

    @Test
    void shouldRefuseAModelWithoutAnIntentThePoliciesUse() {
        DefaultPolicyConfig policy = new DefaultPolicyConfig();
        policy.setIntentThresholds(Map.of("loyalty_points", 0.5f));
        installer = installer(policy);

        assertRefused(Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle), "incompatible-labels",
                "loyalty_points");
    }

    @Test
    void shouldRefuseAReleaseWhoseStoreIsUnreachable() {
        ModelRelease release = Releases.signed(bundle.version(), 1, archive(), trustedKeys, bundle);
        release.setBundleUri("http://127.0.0.1:9/nowhere.sift.zip");

        assertRefused(release, "unreachable", "cannot fetch");
    }

    private void assertRefused(ModelRelease release, String reason, String message) {
        assertThatThrownBy(() -> installer.prepare(release))
                .isInstanceOf(ReleaseRejectedException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((ReleaseRejectedException) e).reason()).isEqualTo(reason));
    }
}
