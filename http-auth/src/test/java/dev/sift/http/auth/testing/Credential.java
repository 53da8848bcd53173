package dev.sift.http.auth.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Every kind of {@code Authorization} header a client may send, and the level each should be granted. */
public enum Credential {
    /** No header. */
    NONE(Level.OPEN),
    /** A bearer token that is neither. */
    WRONG_BEARER(Level.OPEN),
    /** Basic with a password that is neither token. */
    WRONG_BASIC(Level.OPEN),
    /** {@code Bearer } and nothing (an empty configured token must never match it). */
    EMPTY_BEARER(Level.OPEN),
    /** Basic with an empty password. */
    EMPTY_BASIC(Level.OPEN),
    /** The ops token as the Basic user name instead of the password. */
    OPS_AS_USER(Level.OPEN),
    /** The ops token without its last character. */
    OPS_PREFIX(Level.OPEN),
    /** The ops token with one more character. */
    OPS_EXTENDED(Level.OPEN),
    /** Header values that parse as nothing. */
    MALFORMED(Level.OPEN),
    /** The read token as a bearer token. */
    READ_BEARER(Level.READ),
    /** The read token as the Basic password. */
    READ_BASIC(Level.READ),
    /** The ops token as a bearer token. */
    OPS_BEARER(Level.OPS),
    /** The ops token as the Basic password. */
    OPS_BASIC(Level.OPS);

    private final Level holds;

    Credential(Level holds) {
        this.holds = holds;
    }

    /** @return the level a correct server grants this credential */
    public Level holds() {
        return holds;
    }

    /**
     * @param opsToken the service's ops token
     * @param readToken the service's read token
     * @return the header value, if any
     */
    public Optional<String> header(String opsToken, String readToken) {
        return Optional.ofNullable(switch (this) {
            case NONE -> null;
            case WRONG_BEARER -> "Bearer not-" + opsToken;
            case WRONG_BASIC -> basic("ops", "not-" + readToken);
            case EMPTY_BEARER -> "Bearer ";
            case EMPTY_BASIC -> basic("ops", "");
            case OPS_AS_USER -> basic(opsToken, "");
            case OPS_PREFIX -> "Bearer " + opsToken.substring(0, opsToken.length() - 1);
            case OPS_EXTENDED -> "Bearer " + opsToken + "x";
            case MALFORMED -> "Basic !!not-base64!!";
            case READ_BEARER -> "Bearer " + readToken;
            case READ_BASIC -> basic("reader", readToken);
            case OPS_BEARER -> "Bearer " + opsToken;
            case OPS_BASIC -> basic("alice", opsToken);
        });
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
