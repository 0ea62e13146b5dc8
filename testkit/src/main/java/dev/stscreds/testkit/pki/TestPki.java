package dev.stscreds.testkit.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Certificates for tests, made with the JDK alone: key pairs, a self-signed CA, intermediates and
 * leaf certificates with a chosen validity window and serial, and PEM text of each.
 *
 * <pre>{@code
 * TestPki.Issued ca = TestPki.rootCa("Test CA", TestPki.ec(256), now.minus(1, DAYS), now.plus(365, DAYS));
 * TestPki.Issued leaf = TestPki.issue(ca, "server-1", TestPki.rsa(2048), false, now, now.plus(30, DAYS));
 * leaf.writeCertificate(dir.resolve("cert.pem"));
 * leaf.writePrivateKey(dir.resolve("key.pem"));
 * }</pre>
 */
public final class TestPki {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate and the key pair it certifies. */
    public record Issued(X509Certificate certificate, KeyPair keys) {
        public String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        /** The private key as unencrypted PKCS#8 PEM ({@code PRIVATE KEY}). */
        public String privateKeyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        public Path writeCertificate(Path file) {
            return write(file, certificatePem());
        }

        public Path writePrivateKey(Path file) {
            return write(file, privateKeyPem());
        }

        public BigInteger serial() {
            return certificate.getSerialNumber();
        }
    }

    private TestPki() {
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EC key pair on P-256 ({@code 256}), P-384 ({@code 384}) or P-521 ({@code 521}). */
    public static KeyPair ec(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp" + bits + "r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A self-signed CA certificate. */
    public static Issued rootCa(String commonName, KeyPair keys, Instant notBefore, Instant notAfter) {
        byte[] name = name(commonName);
        return new Issued(certificate(name, name, keys.getPublic().getEncoded(), keys.getPrivate(), true, notBefore, notAfter,
                randomSerial()), keys);
    }

    /** A certificate for {@code keys} issued by {@code issuer}: a CA when {@code ca}, else a leaf for signing. */
    public static Issued issue(Issued issuer, String commonName, KeyPair keys, boolean ca, Instant notBefore, Instant notAfter) {
        return issue(issuer, commonName, keys, ca, notBefore, notAfter, randomSerial());
    }

    public static Issued issue(Issued issuer, String commonName, KeyPair keys, boolean ca, Instant notBefore, Instant notAfter,
                               BigInteger serial) {
        byte[] issuerName = issuer.certificate().getSubjectX500Principal().getEncoded();
        return new Issued(certificate(issuerName, name(commonName), keys.getPublic().getEncoded(), issuer.keys().getPrivate(), ca,
                notBefore, notAfter, serial), keys);
    }

    /** PEM text of several certificates, as an intermediates bundle holds them. */
    public static String bundlePem(List<Issued> certificates) {
        StringBuilder s = new StringBuilder();
        for (Issued i : certificates) s.append(i.certificatePem());
        return s.toString();
    }

    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    public static Path write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static X509Certificate certificate(byte[] issuer, byte[] subject, byte[] subjectPublicKeyInfo, PrivateKey signer,
                                               boolean ca, Instant notBefore, Instant notAfter, BigInteger serial) {
        boolean rsa = signer.getAlgorithm().equals("RSA");
        byte[] signatureAlgorithm = rsa
                ? DerWriter.sequence(DerWriter.oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00})
                : DerWriter.sequence(DerWriter.oid("1.2.840.10045.4.3.2"));
        byte[] basicConstraints = DerWriter.sequence(DerWriter.oid("2.5.29.19"), DerWriter.bool(true),
                DerWriter.octetString(ca ? DerWriter.sequence(DerWriter.bool(true)) : DerWriter.sequence()));
        // key usage: keyCertSign + cRLSign for a CA, digitalSignature for a leaf
        byte[] usageBits = ca ? DerWriter.namedBits(1, (byte) 0x06) : DerWriter.namedBits(7, (byte) 0x80);
        byte[] keyUsage = DerWriter.sequence(DerWriter.oid("2.5.29.15"), DerWriter.bool(true), DerWriter.octetString(usageBits));
        byte[] tbs = DerWriter.sequence(
                DerWriter.explicit(0, DerWriter.integer(BigInteger.TWO)),
                DerWriter.integer(serial),
                signatureAlgorithm,
                issuer,
                DerWriter.sequence(DerWriter.time(notBefore), DerWriter.time(notAfter)),
                subject,
                subjectPublicKeyInfo,
                DerWriter.explicit(3, DerWriter.sequence(basicConstraints, keyUsage)));
        try {
            Signature s = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
            s.initSign(signer);
            s.update(tbs);
            byte[] der = DerWriter.sequence(tbs, signatureAlgorithm, DerWriter.bitString(s.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] name(String commonName) {
        return DerWriter.sequence(DerWriter.set(DerWriter.sequence(DerWriter.oid("2.5.4.3"), DerWriter.utf8(commonName))));
    }

    private static BigInteger randomSerial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    static byte[] encoded(X509Certificate c) {
        try {
            return c.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
