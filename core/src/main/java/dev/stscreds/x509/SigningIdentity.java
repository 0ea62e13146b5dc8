package dev.stscreds.x509;

import dev.stscreds.wire.sigv4.X509SigningKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A certificate, the private key that belongs to it and the intermediates that lead towards a
 * trust anchor: what signs a request in IAM Roles Anywhere's X.509 form of SigV4.
 *
 * <p>The key may live in the JDK (from a file, a PKCS#12 bundle or the vault) or on a PKCS#11 token,
 * where it is used through the token's provider and never leaves it. {@link #toString()} shows the
 * certificate, never the key.
 */
public final class SigningIdentity implements X509SigningKey {
    public static final String RSA_ALGORITHM = "AWS4-X509-RSA-SHA256";
    public static final String ECDSA_ALGORITHM = "AWS4-X509-ECDSA-SHA256";

    private final X509Certificate certificate;
    private final List<X509Certificate> intermediates;
    private final PrivateKey key;
    private final Provider provider;
    private final String keySource;

    /**
     * @param provider  the provider that holds the key (a PKCS#11 token's), or null for the JDK's own
     * @param keySource where the key is, for messages: {@code file /etc/pki/key.pem}, {@code PKCS#11 token object "ra"}
     */
    public SigningIdentity(X509Certificate certificate, List<X509Certificate> intermediates, PrivateKey key,
                           Provider provider, String keySource) {
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.intermediates = List.copyOf(intermediates);
        this.key = Objects.requireNonNull(key, "key");
        this.provider = provider;
        this.keySource = Objects.requireNonNull(keySource, "keySource");
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    public String keySource() {
        return keySource;
    }

    /** {@value #RSA_ALGORITHM} or {@value #ECDSA_ALGORITHM}, from the certificate's public key. */
    @Override
    public String algorithm() {
        String type = certificate.getPublicKey().getAlgorithm();
        if (type.equals("RSA")) return RSA_ALGORITHM;
        if (type.equals("EC")) return ECDSA_ALGORITHM;
        throw new X509Exception("the certificate " + subject() + " has a " + type + " key",
                "IAM Roles Anywhere accepts RSA and EC (P-256, P-384) keys");
    }

    /** The serial number in decimal, as the credential scope names it. */
    @Override
    public String serialNumber() {
        return certificate.getSerialNumber().toString();
    }

    public String subject() {
        return certificate.getSubjectX500Principal().getName();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** The leaf certificate as base64 DER, the value of {@code X-Amz-X509}. */
    @Override
    public String certificateBase64() {
        return base64(certificate);
    }

    /** The intermediates as base64 DER joined by commas, the value of {@code X-Amz-X509-Chain}; empty without any. */
    @Override
    public Optional<String> chainBase64() {
        if (intermediates.isEmpty()) return Optional.empty();
        List<String> parts = new ArrayList<>();
        for (X509Certificate c : intermediates) parts.add(base64(c));
        return Optional.of(String.join(",", parts));
    }

    /** Signs {@code data} with SHA-256: RSA PKCS#1 v1.5, or ECDSA with a DER signature. */
    @Override
    public byte[] sign(byte[] data) {
        try {
            Signature s = provider == null ? Signature.getInstance(jdkSignature()) : Signature.getInstance(jdkSignature(), provider);
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new X509Exception("could not sign with the private key (" + keySource + "): " + e.getClass().getSimpleName(),
                    "check that the key is usable for signing", e);
        }
    }

    /**
     * Everything that can be checked before a call: key type and size, the validity window at {@code now},
     * that the key belongs to the certificate, that each intermediate issued the certificate before it, and
     * — when the trust anchor's certificate is known — that the chain ends at it.
     *
     * @param anchor the trust anchor's CA certificate, or null when it is not known here
     */
    public void check(Instant now, X509Certificate anchor) {
        checkKeyStrength();
        List<X509Certificate> path = new ArrayList<>();
        path.add(certificate);
        path.addAll(intermediates);
        for (X509Certificate c : path) checkValidity(c, now);
        checkKeyMatches();
        for (int i = 0; i + 1 < path.size(); i++) {
            if (!issued(path.get(i + 1), path.get(i))) {
                throw new X509Exception("the certificate chain is broken: " + name(path.get(i + 1)) + " did not issue "
                        + name(path.get(i)), "list the intermediates in order, from the one that issued the certificate "
                        + "up to the one the trust anchor issued");
            }
        }
        if (anchor != null) {
            X509Certificate top = path.get(path.size() - 1);
            checkValidity(anchor, now);
            boolean isAnchor = top.equals(anchor);
            if (!isAnchor && !issued(anchor, top)) {
                throw new X509Exception("the certificate chain does not lead to the trust anchor: " + name(top)
                        + " was issued by \"" + top.getIssuerX500Principal().getName() + "\", not by the trust anchor "
                        + name(anchor), "add the missing intermediates (--intermediates), or check that the trust anchor is "
                        + "the CA that issued this certificate");
            }
        }
    }

    private void checkKeyStrength() {
        PublicKey pub = certificate.getPublicKey();
        if (pub instanceof RSAKey rsa && rsa.getModulus().bitLength() < 2048) {
            throw new X509Exception("the certificate " + subject() + " has a " + rsa.getModulus().bitLength()
                    + "-bit RSA key", "IAM Roles Anywhere needs RSA keys of 2048 bits or more");
        }
        if (pub instanceof ECKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            if (bits != 256 && bits != 384) {
                throw new X509Exception("the certificate " + subject() + " has an EC key on a " + bits + "-bit curve",
                        "IAM Roles Anywhere accepts EC keys on P-256 and P-384");
            }
        }
        algorithm();
    }

    private static void checkValidity(X509Certificate c, Instant now) {
        if (now.isBefore(c.getNotBefore().toInstant())) {
            throw new X509Exception("the certificate " + name(c) + " is not valid before " + c.getNotBefore().toInstant(),
                    "check this machine's clock, or wait until then");
        }
        if (now.isAfter(c.getNotAfter().toInstant())) {
            throw new X509Exception("the certificate " + name(c) + " expired at " + c.getNotAfter().toInstant(),
                    "renew the certificate with its CA");
        }
    }

    private void checkKeyMatches() {
        byte[] probe = "stscreds key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] signature = sign(probe);
        boolean matches;
        try {
            Signature v = Signature.getInstance(jdkSignature());
            v.initVerify(certificate.getPublicKey());
            v.update(probe);
            matches = v.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new X509Exception("the private key (" + keySource + ") does not belong to the certificate " + subject(),
                    "use the key the certificate was issued for");
        }
    }

    private static boolean issued(X509Certificate issuer, X509Certificate subject) {
        if (!issuer.getSubjectX500Principal().equals(subject.getIssuerX500Principal())) return false;
        try {
            subject.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private String jdkSignature() {
        return algorithm().equals(RSA_ALGORITHM) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static String name(X509Certificate c) {
        return "\"" + c.getSubjectX500Principal().getName() + "\" (serial " + hexSerial(c.getSerialNumber()) + ")";
    }

    private static String hexSerial(BigInteger serial) {
        return serial.toString(16);
    }

    private static String base64(X509Certificate c) {
        try {
            return Base64.getEncoder().encodeToString(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new X509Exception("the certificate " + name(c) + " cannot be encoded", "check the certificate file", e);
        }
    }

    /** The certificate's subject, serial and expiry, and where the key is; never the key. */
    @Override
    public String toString() {
        return "SigningIdentity[" + name(certificate) + ", expires " + notAfter() + ", " + intermediates.size()
                + " intermediates, key " + keySource + "]";
    }
}
