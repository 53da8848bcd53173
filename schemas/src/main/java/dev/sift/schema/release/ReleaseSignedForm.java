package dev.sift.schema.release;

import dev.sift.schema.ModelRelease;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The canonical byte form of a release: every field but the signature, in a fixed order, each length-prefixed, so
 * no two different releases have the same form and any change to any field changes it.
 *
 * <p>Layout of scheme {@value #SCHEME} (all integers big-endian):
 * <ol>
 *   <li>the scheme name, as a string: it separates this form from any other thing the key signs</li>
 *   <li>version, sequence, createdAt (epoch milliseconds), baseModel, intents, reputationClasses, sha256,
 *       sizeBytes, bundleUri, metrics, signingKeyId, notes</li>
 * </ol>
 * A string is a 4-byte length then its UTF-8 bytes (length -1 for null); a long is 8 bytes; a list is a 4-byte count
 * then its strings; the metrics map is a 4-byte count then, sorted by the unsigned bytes of their UTF-8 keys, each
 * key and the 8 bytes of its IEEE 754 value ({@link Double#doubleToLongBits}, so every NaN is the same).
 *
 * <p>Length prefixes rather than canonical JSON: nothing to escape, no number formatting to agree on, and the form
 * is a few lines any language can reproduce.
 */
public final class ReleaseSignedForm {

    /** The signature scheme of releases signed over this form with Ed25519; the value of {@code signatureScheme}. */
    public static final String SCHEME = "sift-release-v1";

    private ReleaseSignedForm() {
    }

    /**
     * @param release a release (its signature is ignored; its {@code signatureScheme} is not part of the form: the
     *     form of scheme {@value #SCHEME} always starts with that name)
     * @return the bytes its signature covers
     */
    public static byte[] of(ModelRelease release) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            string(out, SCHEME);
            string(out, release.getVersion());
            out.writeLong(release.getSequence());
            out.writeLong(release.getCreatedAt() == null ? Long.MIN_VALUE : release.getCreatedAt().toEpochMilli());
            string(out, release.getBaseModel());
            list(out, release.getIntents());
            list(out, release.getReputationClasses());
            string(out, release.getSha256());
            out.writeLong(release.getSizeBytes());
            string(out, release.getBundleUri());
            metrics(out, release.getMetrics());
            string(out, release.getSigningKeyId());
            string(out, release.getNotes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to memory", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param release a release
     * @return whether it claims the current scheme (a release without one was signed over its archive hash only)
     */
    public static boolean isCurrentScheme(ModelRelease release) {
        return SCHEME.equals(release.getSignatureScheme());
    }

    private static void string(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static void list(DataOutputStream out, List<String> values) throws IOException {
        if (values == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(values.size());
        for (String value : values) {
            string(out, value);
        }
    }

    private static void metrics(DataOutputStream out, Map<String, Double> metrics) throws IOException {
        if (metrics == null) {
            out.writeInt(-1);
            return;
        }
        List<Map.Entry<byte[], Double>> entries = metrics.entrySet().stream()
                .map(e -> Map.entry(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue()))
                .sorted((a, b) -> Arrays.compareUnsigned(a.getKey(), b.getKey())).toList();
        out.writeInt(entries.size());
        for (Map.Entry<byte[], Double> e : entries) {
            out.writeInt(e.getKey().length);
            out.write(e.getKey());
            out.writeLong(Double.doubleToLongBits(e.getValue() == null ? Double.NaN : e.getValue()));
        }
    }
}
