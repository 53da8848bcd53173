package dev.sift.classifier.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 signatures of model releases, with the JDK's own crypto: model-ops signs a release's signed form (the
 * canonical bytes of every field, archive hash included: {@code dev.sift.schema.release.ReleaseSignedForm}), every
 * gateway verifies it against the keys it trusts before it fetches or loads anything. Keys are PEM files (PKCS#8
 * private, X.509 public); a key's id is the first 16 hex digits of the SHA-256 of its public encoding.
 */
public final class BundleSignatures {

    private static final String ALGORITHM = "Ed25519";

    private BundleSignatures() {
    }

    /** @return a new Ed25519 key pair */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /**
     * @param message the bytes to sign
     * @param key the signing key
     * @return the signature, base64
     */
    public static String sign(byte[] message, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
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
     * @param file PEM {@code PRIVATE KEY} (PKCS#8)
     * @return the key
     */
    public static PrivateKey readPrivateKey(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(pem(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    /**
     * @param file PEM {@code PUBLIC KEY} (X.509)
     * @return the key
     */
    public static PublicKey readPublicKey(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(pem(file, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a key pair as {@code <name>.key} (private, owner-readable only where the file system allows) and
     * {@code <name>.pub}.
     *
     * @param pair the keys
     * @param folder destination
     * @param name file name stem
     */
    public static void write(KeyPair pair, Path folder, String name) {
        try {
            Files.createDirectories(folder);
            Path privateFile = folder.resolve(name + ".key");
            Files.writeString(privateFile, toPem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(privateFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: rely on the folder's permissions.
            }
            Files.writeString(folder.resolve(name + ".pub"), toPem("PUBLIC KEY", pair.getPublic().getEncoded()),
                    StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keys to " + folder, e);
        }
    }

    private static String toPem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] pem(Path file, String type) {
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
