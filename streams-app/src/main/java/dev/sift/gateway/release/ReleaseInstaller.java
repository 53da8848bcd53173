package dev.sift.gateway.release;

import dev.sift.classifier.SnippetClassifier;
import dev.sift.classifier.bundle.BundleArchive;
import dev.sift.classifier.bundle.GoldenSet;
import dev.sift.classifier.bundle.InvalidBundleException;
import dev.sift.classifier.bundle.ModelBundle;
import dev.sift.classifier.onnx.OnnxClassifier;
import dev.sift.gateway.policy.PolicyDirectory;
import dev.sift.schema.ModelRelease;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Gets a release ready to go live, refusing it at the first problem: authenticate it without any I/O (plain version,
 * signature by a trusted key over every field, size cap, store location), fetch the archive from its store (signed
 * size and SHA-256), unpack and verify the bundle, load it, check its labels against the policies in force, run its
 * canary (golden inputs and outputs), warm it up. Nothing here touches the live model. The cache directory holds
 * {@code archives/<version>.sift.zip} and {@code bundles/<version>/}.
 */
@Singleton
public class ReleaseInstaller {

    private static final List<String> WARM_UP = List.of("hello", "I want a refund for my order",
            "the app crashes every time I log in and nobody answers my emails");

    private final ReleaseConfig config;
    private final ModelLoader loader;
    private final PolicyDirectory policies;
    private final ReleaseAuthenticator authenticator;
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
        StoreLocations stores = new StoreLocations(config.getStores());
        this.authenticator = new ReleaseAuthenticator(new TrustedKeys(config.getTrustedKeys()), stores,
                config.getMaxBundleBytes());
        this.fetcher = new BundleFetcher(config.getFetchTimeout(), stores);
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
     * The checks that need no I/O, which {@link #prepare} runs first: cheap enough for every record of the releases
     * topic.
     *
     * @return the authenticator of this installer's trusted keys, stores and size cap
     */
    public ReleaseAuthenticator authenticator() {
        return authenticator;
    }

    /**
     * @param release a release from the releases topic
     * @return it, ready to go live
     * @throws ReleaseRejectedException with its reason and a message when anything is wrong
     */
    public Ready prepare(ModelRelease release) {
        long start = System.nanoTime();
        authenticator.authenticate(release);
        Path cache = Path.of(config.getCacheDir());
        String version = release.getVersion();
        Path archive = fetcher.fetch(release, cache.resolve("archives").resolve(version + BundleArchive.SUFFIX));
        ModelBundle bundle;
        SnippetClassifier classifier;
        try {
            bundle = BundleArchive.unpack(archive, cache.resolve("bundles").resolve(version));
            classifier = OnnxClassifier.open(bundle, loader.settings());
        } catch (InvalidBundleException e) {
            throw new ReleaseRejectedException(RejectionReason.CORRUPT, e.getMessage(), e);
        }
        try {
            if (!bundle.version().equals(release.getVersion())) {
                throw new ReleaseRejectedException(RejectionReason.VERSION_MISMATCH, "release " + release.getVersion()
                        + " carries bundle " + bundle.version());
            }
            checkLabels(release, classifier);
            GoldenSet golden = GoldenSet.of(bundle).orElseThrow(() -> new ReleaseRejectedException(
                    RejectionReason.CANARY_MISSING, "bundle " + bundle.version()
                    + " carries no golden inputs to check it with"));
            try {
                golden.verify(classifier, bundle.version());
            } catch (InvalidBundleException e) {
                throw new ReleaseRejectedException(RejectionReason.CANARY_MISMATCH, e.getMessage(), e);
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
            throw new ReleaseRejectedException(RejectionReason.INCOMPATIBLE_LABELS, "release lists intents "
                    + release.getIntents() + " but its bundle has " + intents);
        }
        Set<String> missing = new HashSet<>(policies.referencedIntents());
        missing.removeAll(intents);
        if (!missing.isEmpty()) {
            throw new ReleaseRejectedException(RejectionReason.INCOMPATIBLE_LABELS, "policies in force use intents "
                    + missing + " that release " + release.getVersion() + " does not score");
        }
    }
}
