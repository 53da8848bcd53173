package dev.sift.gateway.release;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Why a gateway refused a release, in the order the checks run: first what needs no I/O (the version, the signature
 * over the release's signed form, the freshness, the size cap and the store location), then the download, then the
 * bundle itself. {@link #code()} is what {@code GET /model} shows and the tag of {@code sift.model.rejections}.
 */
@Serdeable
public enum RejectionReason {
    /** The version is not a plain name: it would be used as a file name. */
    INVALID_VERSION("invalid-version"),
    /** The release carries no signature. */
    UNSIGNED("unsigned"),
    /** Signed with a scheme this gateway does not know, e.g. the old one over the archive hash only. */
    UNSUPPORTED_SIGNATURE("unsupported-signature"),
    /** Signed by a key this gateway does not trust. */
    UNTRUSTED_KEY("untrusted-key"),
    /** The signature does not verify over the release's signed form: some field was changed. */
    BAD_SIGNATURE("bad-signature"),
    /** A signed field makes no sense (hash not 64 lowercase hex digits, size not positive, URI not a URI). */
    MALFORMED("malformed"),
    /** Its sequence is not above the highest this gateway accepted: a replay, or an older release. */
    NOT_NEWER("not-newer"),
    /** The signed size is above {@code sift.releases.max-bundle-bytes}. */
    TOO_LARGE("too-large"),
    /** The archive's URI is not inside a configured store location ({@code sift.releases.stores}). */
    STORE_NOT_ALLOWED("store-not-allowed"),
    /** The store answered with a redirect, which is never followed. */
    REDIRECTED("redirected"),
    /** The store did not deliver the archive. */
    UNREACHABLE("unreachable"),
    /** The archive delivered is not of the signed size. */
    SIZE_MISMATCH("size-mismatch"),
    /** The archive delivered does not have the signed SHA-256. */
    BAD_HASH("bad-hash"),
    /** The archive is not a valid bundle. */
    CORRUPT("corrupt"),
    /** The bundle inside is another version. */
    VERSION_MISMATCH("version-mismatch"),
    /** The bundle has no golden inputs to check it with. */
    CANARY_MISSING("canary-missing"),
    /** The bundle does not reproduce its golden outputs. */
    CANARY_MISMATCH("canary-mismatch"),
    /** The model does not score an intent the policies in force use, or not the intents the release lists. */
    INCOMPATIBLE_LABELS("incompatible-labels"),
    /** On trial in shadow, it disagreed with the live model too often. */
    SHADOW_DISAGREEMENT("shadow-disagreement"),
    /** An unexpected failure while preparing it. */
    ERROR("error");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    /** @return the short code shown on {@code GET /model} and used as the metric tag */
    @JsonValue
    public String code() {
        return code;
    }
}
