package dev.stscreds.x509;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where a signing certificate and its key come from, as a user writes it: certificate and key files
 * (PEM or DER), a PKCS#12 bundle, or {@code pkcs11:} URIs for a token. {@link #load} reads them
 * afresh each time, so a certificate renewed on disk is picked up at the next refresh.
 *
 * @param certificate  a certificate file, a PKCS#12 bundle, or a {@code pkcs11:} URI; null to take it from the token
 * @param privateKey   a key file or a {@code pkcs11:} URI; null for a PKCS#12 bundle (or a token named by the certificate URI)
 * @param intermediates a PEM file of intermediates, or null
 * @param pkcs11Library the PKCS#11 module for {@code pkcs11:} URIs, or null
 */
public record CertificateSpec(String certificate, String privateKey, Path intermediates, String pkcs11Library) {

    /** Secrets asked for only when the key needs one: a PKCS#8 or PKCS#12 password, a token PIN. */
    public interface Secrets {
        char[] password(String what);
    }

    public SigningIdentity load(Secrets secrets) {
        Objects.requireNonNull(secrets, "secrets");
        List<X509Certificate> chain = intermediates == null ? List.of() : Certificates.read(intermediates, "intermediate certificates");
        boolean tokenKey = Pkcs11Uri.isPkcs11(privateKey) || (privateKey == null && Pkcs11Uri.isPkcs11(certificate));
        if (tokenKey) {
            X509Certificate fileCert = certificate == null || Pkcs11Uri.isPkcs11(certificate)
                    ? null : Certificates.read(Path.of(certificate), "certificate").get(0);
            Pkcs11Uri uri = Pkcs11Uri.parse(privateKey != null ? privateKey : certificate);
            Supplier<char[]> pin = () -> secrets.password("the PIN of the PKCS#11 token");
            return Pkcs11Token.open(uri, pkcs11Library, fileCert, chain, pin);
        }
        if (certificate == null) {
            throw new X509Exception("no certificate is given", "name the certificate file (--certificate, roles_anywhere_certificate)");
        }
        if (privateKey == null) {
            if (!chain.isEmpty()) {
                throw new X509Exception("intermediates cannot be given beside a PKCS#12 bundle",
                        "put the intermediates in the bundle, or give the certificate and key as separate files");
            }
            return Pkcs12Bundle.read(Path.of(certificate), secrets.password("the password of the PKCS#12 bundle " + certificate));
        }
        List<X509Certificate> certs = Certificates.read(Path.of(certificate), "certificate");
        Path keyFile = Path.of(privateKey);
        java.security.PrivateKey key;
        try {
            key = PrivateKeys.read(keyFile, null);
        } catch (X509Exception encrypted) {
            if (!encrypted.getMessage().endsWith(" is encrypted")) throw encrypted;
            key = PrivateKeys.read(keyFile, secrets.password("the password of the private key " + keyFile));
        }
        return new SigningIdentity(certs.get(0), chain, key, null, "file " + keyFile);
    }

    /** For people: the files or token, never a PIN. */
    @Override
    public String toString() {
        return "CertificateSpec[certificate=" + shown(certificate) + ", privateKey=" + shown(privateKey)
                + (intermediates == null ? "" : ", intermediates=" + intermediates) + "]";
    }

    private static String shown(String s) {
        if (s == null) return "-";
        return Pkcs11Uri.isPkcs11(s) ? Pkcs11Uri.parse(s).toString() : s;
    }
}
