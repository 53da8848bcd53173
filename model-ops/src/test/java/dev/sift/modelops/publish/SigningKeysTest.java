package dev.sift.modelops.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sift.classifier.bundle.BundleSignatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What model-ops signs with its key files, a gateway verifies with the public file alone. */
class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void shouldSignWithTheWrittenPrivateKeyWhatTheWrittenPublicKeyVerifies() {
        // Given a key pair written as model-ops keygen writes it
        SigningKeys.write(SigningKeys.generate(), dir, "release");
        PrivateKey signing = SigningKeys.readPrivateKey(dir.resolve("release.key"));
        PublicKey trusted = BundleSignatures.readPublicKey(dir.resolve("release.pub"));
        byte[] message = "the signed form".getBytes(StandardCharsets.UTF_8);

        // When a message is signed
        String signature = SigningKeys.sign(message, signing);

        // Then the public key verifies it, and nothing else
        assertThat(BundleSignatures.verify(message, signature, trusted)).isTrue();
        assertThat(BundleSignatures.verify("another form".getBytes(StandardCharsets.UTF_8), signature, trusted))
                .isFalse();
        assertThat(BundleSignatures.verify(message, signature, SigningKeys.generate().getPublic())).isFalse();
    }

    @Test
    void shouldKeepThePrivateKeyFileToItsOwner() throws Exception {
        KeyPair pair = SigningKeys.generate();

        SigningKeys.write(pair, dir, "release");

        assertThat(Files.getPosixFilePermissions(dir.resolve("release.key")))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }

    @Test
    void shouldRefuseAPublicKeyFileAsAPrivateKey() {
        SigningKeys.write(SigningKeys.generate(), dir, "release");

        assertThatThrownBy(() -> SigningKeys.readPrivateKey(dir.resolve("release.pub")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a PEM PRIVATE KEY");
    }
}
