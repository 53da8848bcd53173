package dev.sift.schema.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Which dropped snippets belong to the audit sample: those whose id hashes below the policy's audit rate. A hash, not
 * a random draw, so that a replay (a crash, a reprocessing) picks the same snippets, every gateway agrees, and anyone
 * holding the ids (model-ops' quality estimate, an auditor) can tell which snippets were eligible. SHA-256 because its
 * output is uniform whatever the ids look like (sequential, prefixed, chosen by a producer), which a fast
 * non-cryptographic hash does not promise for adversarial input.
 */
public final class AuditSampler {

    private static final double TWO_TO_THE_53 = 0x1p53;

    private AuditSampler() {
    }

    /**
     * @param snippetId a snippet id
     * @return its position in [0, 1): the snippet is sampled at every rate above it
     */
    public static double position(String snippetId) {
        byte[] digest = sha256().digest(snippetId.getBytes(StandardCharsets.UTF_8));
        long top53 = ByteBuffer.wrap(digest).getLong() >>> 11;
        return top53 / TWO_TO_THE_53;
    }

    /**
     * @param snippetId a snippet id
     * @param rate the share sampled, in [0, 1]
     * @return whether the snippet is in the sample at that rate (the sample at a higher rate contains it)
     */
    public static boolean sampled(String snippetId, double rate) {
        return rate > 0 && position(snippetId) < rate;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
