package dev.sift.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule of the credentials, for every service: a presented secret is the ops token, the read token, or nothing.
 * Both are compared in constant time on their SHA-256 digests (so neither the content nor the length of a token leaks
 * through timing), every time both. A token that is not configured (empty) matches nothing, an empty secret included:
 * without an ops token a service accepts no change at all.
 */
public final class AccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokens.class);

    private final byte[] ops;
    private final byte[] read;
    private final boolean opsConfigured;
    private final boolean readConfigured;
    private final Names names;

    /**
     * How the service names its principals and settings (for the audit trail and for error messages).
     *
     * @param opsUser who a bearer ops token acts as
     * @param readUser who a bearer read token acts as
     * @param opsSetting the configuration key of the ops token, named when changes are disabled
     */
    public record Names(String opsUser, String readUser, String opsSetting) {
    }

    /**
     * @param opsToken the ops token; empty: changes are disabled
     * @param readToken the read token; empty: only the ops token reads
     * @param names principal and setting names
     */
    public AccessTokens(String opsToken, String readToken, Names names) {
        this.opsConfigured = opsToken != null && !opsToken.isEmpty();
        this.readConfigured = readToken != null && !readToken.isEmpty();
        this.ops = opsConfigured ? digest(opsToken) : unguessable();
        this.read = readConfigured ? digest(readToken) : unguessable();
        this.names = names;
        if (opsConfigured && readConfigured && MessageDigest.isEqual(ops, read)) {
            LOG.warn("the read token equals the ops token: every reader can change things; give readers their own");
        }
    }

    /**
     * @param secret a presented bearer token or Basic password
     * @return what it grants, if anything
     */
    public Optional<Grant> grant(String secret) {
        byte[] presented = digest(secret == null ? "" : secret);
        boolean isOps = MessageDigest.isEqual(ops, presented) & opsConfigured;
        boolean isRead = MessageDigest.isEqual(read, presented) & readConfigured;
        if (isOps) {
            return Optional.of(Grant.OPS);
        }
        return isRead ? Optional.of(Grant.READ) : Optional.empty();
    }

    /** @return whether an ops token is configured (without one, no change is accepted) */
    public boolean changesEnabled() {
        return opsConfigured;
    }

    /** @return principal and setting names */
    public Names names() {
        return names;
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** A digest no secret has: compared against when a token is not configured, so timing does not say so. */
    private static byte[] unguessable() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
