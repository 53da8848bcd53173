package dev.sift.classifier.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 signatures of model releases, with the JDK's own crypto: model-ops signs a release's signed form (the
 * canonical bytes of every field, archive hash included: {@code dev.sift.schema.release.ReleaseSignedForm}) with
 * {@code dev.sift.modelops.publish.SigningKeys}; every gateway verifies it here against the keys it trusts before it
 * fetches or loads anything. This side holds no private key code. Keys are PEM files (X.509 public, PKCS#8
 * private); a key's id is the first 16 hex digits of the SHA-256 of its public encoding.
 */
public final class BundleSignatures {

    /** The signature algorithm of releases. */
    public static final String ALGORITHM = "Ed25519";

    private BundleSignatures() {
    }

    /**
     * @param message the signed bytes
     * @param signatureBase64 the signature, base64 (anything else does not verify)
     * @param key a trusted public key
     * @return whether the signature is that key's signature of those bytes
     */
    public static boolean verify(byte[] message, String signatureBase64, PublicKey key) {
        if (signatureBase64 == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * @param key a public key
     * @return its id
     */
    public static String keyId(PublicKey key) {
        return Sha256.of(key.getEncoded()).substring(0, 16);
    }

    /**
     * @param file PEM {@code PUBLIC KEY} (X.509)
     * @return the key
     */
    public static PublicKey readPublicKey(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pemBlock(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /**
     * @param file a PEM file
     * @param type the block's type, e.g. {@code PUBLIC KEY}
     * @return the DER bytes of the file's first block of that type
     * @throws IllegalArgumentException when the file holds no such block
     */
    public static byte[] pemBlock(Path file, String type) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            int begin = text.indexOf("-----BEGIN " + type + "-----");
            int end = text.indexOf("-----END " + type + "-----");
            if (begin < 0 || end < 0) {
                throw new IllegalArgumentException(file + " is not a PEM " + type);
            }
            String body = text.substring(begin + type.length() + 16, end).replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key " + file, e);
        }
    }
}
