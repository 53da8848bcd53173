package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.GoldenSet;
import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.bundle.Sha256;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.gateway.classify.ModelLoader;
import dev.sift.gateway.policy.PolicyDirectory;
import dev.sift.schema.ModelRelease;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gets a release ready to go live, refusing it at the first problem: fetch the archive, check its SHA-256 and its
 * Ed25519 signature against the trusted keys, unpack and verify the bundle, load it, check its labels against the
 * policies in force, run its canary (golden inputs and outputs), warm it up. Nothing here touches the live model.
 */
@Singleton
public class ReleaseInstaller {

    private static final List<String> WARM_UP = List.of("hello", "I want a refund for my order",
            "the app crashes every time I log in and nobody answers my emails");

    private final ReleaseConfig config;
    private final ModelLoader loader;
    private final PolicyDirectory policies;
    private final TrustedKeys trusted;
    private final BundleFetcher fetcher;

    /**
     * @param config release settings
     * @param loader classifier settings
     * @param policies the policies in force
     */
    public ReleaseInstaller(ReleaseConfig config, ModelLoader loader, PolicyDirectory policies) {
        this.config = config;
        this.loader = loader;
        this.policies = policies;
        this.trusted = new TrustedKeys(config.getTrustedKeys());
        this.fetcher = new BundleFetcher(config.getFetchTimeout(), config.getMaxBundleBytes());
    }

    /**
     * A release ready to serve.
     *
     * @param release the release
     * @param bundle its verified bundle
     * @param classifier its loaded, checked, warm classifier (the caller owns it)
     * @param loadMillis time from fetch to ready
     */
    public record Ready(ModelRelease release, ModelBundle bundle, SnippetClassifier classifier, long loadMillis) {
    }

    /**
     * @param release a release from the releases topic
     * @return it, ready to go live
     * @throws ReleaseRejectedException with a reason code and message when anything is wrong
     */
    public Ready prepare(ModelRelease release) {
        long start = System.nanoTime();
        Path cache = Path.of(config.getCacheDir());
        String version = safeName(release.getVersion());
        Path archive = fetcher.fetch(URI.create(release.getBundleUri()), cache.resolve(version + BundleArchive.SUFFIX));
        String sha = Sha256.ofFile(archive);
        if (!sha.equalsIgnoreCase(release.getSha256())) {
            throw new ReleaseRejectedException("bad-hash", "archive sha256 " + sha + " differs from the release's "
                    + release.getSha256());
        }
        if (release.getSignature() == null || release.getSignature().isBlank()) {
            throw new ReleaseRejectedException("unsigned", "release " + release.getVersion() + " is not signed");
        }
        PublicKey key = trusted.find(release.getSigningKeyId()).orElseThrow(() -> new ReleaseRejectedException(
                "untrusted-key", "release " + release.getVersion() + " is signed by key " + release.getSigningKeyId()
                        + ", which this gateway does not trust (trusted: " + trusted.ids() + ")"));
        if (!BundleSignatures.verify(sha, release.getSignature(), key)) {
            throw new ReleaseRejectedException("bad-signature", "the signature of release " + release.getVersion()
                    + " does not verify with key " + release.getSigningKeyId());
        }
        ModelBundle bundle;
        SnippetClassifier classifier;
        try {
            bundle = BundleArchive.unpack(archive, cache.resolve(version));
            classifier = OnnxClassifier.open(bundle, loader.settings());
        } catch (InvalidBundleException e) {
            throw new ReleaseRejectedException("corrupt", e.getMessage(), e);
        }
        try {
            if (!bundle.version().equals(release.getVersion())) {
                throw new ReleaseRejectedException("version-mismatch", "release " + release.getVersion()
                        + " carries bundle " + bundle.version());
            }
            checkLabels(release, classifier);
            GoldenSet golden = GoldenSet.of(bundle).orElseThrow(() -> new ReleaseRejectedException("canary-missing",
                    "bundle " + bundle.version() + " carries no golden inputs to check it with"));
            try {
                golden.verify(classifier, bundle.version());
            } catch (InvalidBundleException e) {
                throw new ReleaseRejectedException("canary-mismatch", e.getMessage(), e);
            }
            classifier.classify(WARM_UP);
            return new Ready(release, bundle, classifier, (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            classifier.close();
            throw e;
        }
    }

    private void checkLabels(ModelRelease release, SnippetClassifier classifier) {
        List<String> intents = classifier.info().intents();
        if (!release.getIntents().isEmpty() && !release.getIntents().equals(intents)) {
            throw new ReleaseRejectedException("incompatible-labels", "release lists intents " + release.getIntents()
                    + " but its bundle has " + intents);
        }
        Set<String> missing = new HashSet<>(policies.referencedIntents());
        missing.removeAll(intents);
        if (!missing.isEmpty()) {
            throw new ReleaseRejectedException("incompatible-labels", "policies in force use intents " + missing
                    + " that release " + release.getVersion() + " does not score");
        }
    }

    private static String safeName(String version) {
        return version.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
