package dev.stscreds.wire.net;

import dev.stscreds.CredentialsException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS that trusts the JDK's certificate authorities plus those of a PEM bundle
 * ({@code AWS_CA_BUNDLE} / {@code ca_bundle}), for networks whose proxy or endpoints present
 * certificates of a company CA. One TLS context per bundle file, made once.
 */
public final class TrustStores {
    private static final Map<Path, SSLContext> MADE = new ConcurrentHashMap<>();

    private TrustStores() {}

    /**
     * @param bundle a PEM file of one or more certificates
     * @param origin where the path was set, for errors ({@code AWS_CA_BUNDLE}, {@code ca_bundle in profile dev})
     * @throws CredentialsException when the file cannot be read or holds no certificate
     */
    public static SSLContext withBundle(Path bundle, String origin) {
        Path key = bundle.toAbsolutePath().normalize();
        SSLContext made = MADE.get(key);
        if (made != null) return made;
        made = make(key, origin);
        MADE.putIfAbsent(key, made);
        return made;
    }

    private static SSLContext make(Path bundle, String origin) {
        Collection<? extends Certificate> certificates;
        try {
            byte[] pem = Files.readAllBytes(bundle);
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
        } catch (IOException e) {
            throw new CredentialsException("the CA bundle " + bundle + " (" + origin + ") cannot be read: " + e.getMessage(),
                    "point " + origin + " at a readable PEM file of certificates");
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("the CA bundle " + bundle + " (" + origin + ") is not a PEM file of certificates",
                    "point " + origin + " at a PEM file (-----BEGIN CERTIFICATE----- blocks)");
        }
        if (certificates.isEmpty()) {
            throw new CredentialsException("the CA bundle " + bundle + " (" + origin + ") holds no certificate",
                    "point " + origin + " at a PEM file (-----BEGIN CERTIFICATE----- blocks)");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : defaultAuthorities()) store.setCertificateEntry("jdk-" + n++, ca);
            for (Certificate c : certificates) store.setCertificateEntry("bundle-" + n++, c);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("could not set up TLS with the CA bundle " + bundle, e);
        }
    }

    /** The certificate authorities the JDK trusts by default. */
    private static X509Certificate[] defaultAuthorities() throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) return x.getAcceptedIssuers();
        }
        return new X509Certificate[0];
    }
}
