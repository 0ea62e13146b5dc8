package dev.stscreds.x509;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** A PKCS#12 bundle ({@code .p12}, {@code .pfx}): the first key entry, its certificate and its chain. */
public final class Pkcs12Bundle {
    private Pkcs12Bundle() {
    }

    /** @param password the bundle's password; an empty array for none */
    public static SigningIdentity read(Path file, char[] password) {
        byte[] bytes = KeyMaterialFiles.read(file, "PKCS#12 bundle");
        String origin = "the PKCS#12 bundle " + file;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(bytes), password);
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) continue;
                PrivateKey key = (PrivateKey) store.getKey(alias, password);
                Certificate[] chain = store.getCertificateChain(alias);
                if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                    throw new X509Exception(origin + " has a key without its certificate", "export the bundle with the certificate");
                }
                List<X509Certificate> intermediates = new ArrayList<>();
                for (int i = 1; i < chain.length; i++) {
                    X509Certificate c = (X509Certificate) chain[i];
                    // a self-signed root is the trust anchor itself, not an intermediate to send
                    if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) intermediates.add(c);
                }
                return new SigningIdentity(leaf, intermediates, key, null, "PKCS#12 bundle " + file);
            }
            throw new X509Exception(origin + " has no private key", "export the bundle with its private key");
        } catch (IOException e) {
            throw new X509Exception(origin + " could not be opened: the password is wrong or it is not a PKCS#12 file",
                    "check the password and the file", e);
        } catch (GeneralSecurityException e) {
            throw new X509Exception(origin + " could not be read (" + e.getClass().getSimpleName() + ")",
                    "check that it is a PKCS#12 bundle", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
