package dev.sift.gateway.release;

import dev.sift.classifier.bundle.BundleSignatures;
import dev.sift.classifier.bundle.BundleVersion;
import dev.sift.schema.ModelRelease;
import dev.sift.schema.release.ReleaseSignedForm;
import java.security.PublicKey;
import java.util.regex.Pattern;

/**
 * The checks a release passes before a gateway touches a file or a host for it, none of which needs I/O: a plain
 * version, a signature by a trusted key over the release's signed form (so every field, sequence and URI included,
 * is model-ops' own), sensible signed fields, a size under the cap and a URI inside a configured store location.
 * Freshness is the caller's ({@link SequenceFloor}): an operator's rollback or pin may go back.
 */
public final class ReleaseAuthenticator {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final TrustedKeys trusted;
    private final StoreLocations stores;
    private final long maxBytes;

    /**
     * @param trusted keys whose signatures count
     * @param stores where archives may come from
     * @param maxBytes largest archive accepted
     */
    public ReleaseAuthenticator(TrustedKeys trusted, StoreLocations stores, long maxBytes) {
        this.trusted = trusted;
        this.stores = stores;
        this.maxBytes = maxBytes;
    }

    /**
     * @param release a release from the releases topic
     * @throws ReleaseRejectedException at the first check it fails
     */
    public void authenticate(ModelRelease release) {
        if (!BundleVersion.isValid(release.getVersion())) {
            throw refused(RejectionReason.INVALID_VERSION, "version " + BundleVersion.printable(release.getVersion())
                    + " is not 1 to " + BundleVersion.MAX_LENGTH + " of [A-Za-z0-9._-] starting and ending with a"
                    + " letter or digit, without '..'");
        }
        if (release.getSignature() == null || release.getSignature().isBlank()) {
            throw refused(RejectionReason.UNSIGNED, "release " + release.getVersion() + " is not signed");
        }
        if (!ReleaseSignedForm.isCurrentScheme(release)) {
            throw refused(RejectionReason.UNSUPPORTED_SIGNATURE, "release " + release.getVersion() + " is signed with"
                    + " scheme " + BundleVersion.printable(release.getSignatureScheme()) + ", not "
                    + ReleaseSignedForm.SCHEME + (release.getSignatureScheme() == null ? " (signed the old way, over"
                    + " its archive hash only: publish it again with the current model-ops)" : ""));
        }
        PublicKey key = trusted.find(release.getSigningKeyId()).orElseThrow(() -> refused(
                RejectionReason.UNTRUSTED_KEY, "release " + release.getVersion() + " is signed by key "
                        + BundleVersion.printable(release.getSigningKeyId()) + ", which this gateway does not trust"
                        + " (trusted: " + trusted.ids() + ")"));
        if (!BundleSignatures.verify(ReleaseSignedForm.of(release), release.getSignature(), key)) {
            throw refused(RejectionReason.BAD_SIGNATURE, "the signature of release " + release.getVersion()
                    + " does not verify with key " + release.getSigningKeyId() + ": the release was changed");
        }
        if (release.getSha256() == null || !SHA256.matcher(release.getSha256()).matches()
                || release.getSizeBytes() <= 0) {
            throw refused(RejectionReason.MALFORMED, "release " + release.getVersion() + " has no lowercase hex"
                    + " SHA-256 or no positive size");
        }
        if (release.getSizeBytes() > maxBytes) {
            throw refused(RejectionReason.TOO_LARGE, "release " + release.getVersion() + " is " + release.getSizeBytes()
                    + " bytes, above the limit of " + maxBytes + " (sift.releases.max-bundle-bytes)");
        }
        if (!stores.allows(release.getBundleUri())) {
            throw refused(RejectionReason.STORE_NOT_ALLOWED, "release " + release.getVersion() + " is not in a"
                    + " configured store location (sift.releases.stores: " + stores + ")");
        }
    }

    private static ReleaseRejectedException refused(RejectionReason reason, String message) {
        return new ReleaseRejectedException(reason, message);
    }
}
