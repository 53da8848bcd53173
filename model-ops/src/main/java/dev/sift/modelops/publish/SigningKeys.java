package dev.sift.modelops.publish;

import dev.sift.classifier.bundle.BundleSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * model-ops' side of release signatures: Ed25519 key pairs, their PEM files, and signing a release's signed form.
 * Gateways only verify ({@link BundleSignatures}, which also reads public keys and gives a key's id); no private key
 * code ships with them.
 */
public final class SigningKeys {

    private SigningKeys() {
    }

    /** @return a new Ed25519 key pair */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(BundleSignatures.ALGORITHM).generateKeyPair();
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
            Signature signer = Signature.getInstance(BundleSignatures.ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing failed: " + e.getMessage(), e);
        }
    }

    /**
     * @param file PEM {@code PRIVATE KEY} (PKCS#8)
     * @return the key
     */
    public static PrivateKey readPrivateKey(Path file) {
        try {
            return KeyFactory.getInstance(BundleSignatures.ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(
                    BundleSignatures.pemBlock(file, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(file + " is not an Ed25519 private key: " + e.getMessage(), e);
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
            Files.writeString(privateFile, toPem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                    StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(privateFile, PosixFilePermissions.fromString("rw-------"));
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
}
