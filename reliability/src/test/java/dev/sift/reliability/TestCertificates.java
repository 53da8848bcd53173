package dev.sift.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority and a broker certificate made at test time (nothing secret in the repository): the broker's
 * PKCS#12 key store holds its key and chain, the clients' trust store holds the authority. The broker certificate
 * names {@code 127.0.0.1} and {@code localhost}, so clients verify the host name as in production.
 *
 * @param keyStore the broker's key store
 * @param trustStore the clients' trust store
 * @param password the stores' password
 */
record TestCertificates(Path keyStore, Path trustStore, String password) {

    /**
     * Makes the authority, the broker certificate and both stores.
     *
     * @param dir where to write the stores
     * @return the stores
     */
    static TestCertificates create(Path dir) {
        try {
            String password = HexFormat.of().formatHex(SecureRandom.getInstanceStrong().generateSeed(12));
            KeyPair authorityKeys = keyPair();
            X500Name authorityName = new X500Name("CN=Sift test authority");
            X509Certificate authority = sign(new JcaX509v3CertificateBuilder(authorityName, serial(), notBefore(),
                    notAfter(), authorityName, authorityKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    authorityKeys);
            KeyPair brokerKeys = keyPair();
            X509Certificate broker = sign(new JcaX509v3CertificateBuilder(authorityName, serial(), notBefore(),
                    notAfter(), new X500Name("CN=localhost"), brokerKeys.getPublic())
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")})),
                    authorityKeys);

            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("broker", brokerKeys.getPrivate(), password.toCharArray(),
                    new Certificate[] {broker, authority});
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry("authority", authority);
            Path keyFile = write(keyStore, dir.resolve("broker.p12"), password);
            Path trustFile = write(trustStore, dir.resolve("truststore.p12"), password);
            return new TestCertificates(keyFile, trustFile, password);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    private static KeyPair keyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }

    private static Path write(KeyStore store, Path file, String password) throws IOException,
            GeneralSecurityException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
