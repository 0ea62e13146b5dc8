package dev.stscreds.x509;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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

    /** The prefix of a private key kept in the stscreds vault: {@code vault:NAME}. */
    public static final String VAULT_PREFIX = "vault:";

    /** Secrets asked for only when the key needs one: a PKCS#8 or PKCS#12 password, a token PIN. */
    public interface Secrets {
        char[] password(String what);
    }

    /** Private keys kept in the vault by name (PKCS#8 DER), opened only when such a key is used. */
    public interface VaultKeys {
        Optional<byte[]> privateKey(String name);

        VaultKeys NONE = name -> {
            throw new X509Exception("the private key vault:" + name + " is in the stscreds vault, which is not open here",
                    "use the stscreds command, or give a key store to the resolver");
        };
    }

    public SigningIdentity load(Secrets secrets) {
        return load(secrets, VaultKeys.NONE);
    }

    public SigningIdentity load(Secrets secrets, VaultKeys vault) {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(vault, "vault");
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
        if (privateKey.startsWith(VAULT_PREFIX)) {
            String name = privateKey.substring(VAULT_PREFIX.length());
            byte[] der = vault.privateKey(name).orElseThrow(() -> new X509Exception("the stscreds vault has no private key "
                    + name, "import it with `stscreds roles-anywhere import-key " + name + " --private-key FILE`"));
            try {
                return new SigningIdentity(certs.get(0), chain, PrivateKeys.fromPkcs8(der, "the private key " + privateKey),
                        null, "stscreds vault key " + name);
            } finally {
                java.util.Arrays.fill(der, (byte) 0);
            }
        }
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
