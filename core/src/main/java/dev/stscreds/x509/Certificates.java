package dev.stscreds.x509;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** X.509 certificates from PEM (one or many {@code CERTIFICATE} blocks) or DER files. */
public final class Certificates {
    private Certificates() {
    }

    /** Every certificate in the file, in file order; at least one. */
    public static List<X509Certificate> read(Path file, String what) {
        return parse(KeyMaterialFiles.read(file, what), what + " " + file);
    }

    static List<X509Certificate> parse(byte[] bytes, String origin) {
        List<X509Certificate> certs = new ArrayList<>();
        if (PemBlock.looksLikePem(bytes)) {
            for (PemBlock b : PemBlock.parseAll(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII), origin)) {
                if (b.type().equals("CERTIFICATE")) certs.add(decode(b.der(), origin));
            }
            if (certs.isEmpty()) {
                throw new X509Exception(origin + " has no CERTIFICATE block", "point the setting at a PEM certificate file");
            }
        } else {
            certs.add(decode(bytes, origin));
        }
        return List.copyOf(certs);
    }

    static X509Certificate decode(byte[] der, String origin) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new X509Exception(origin + " is not an X.509 certificate", "point the setting at a PEM or DER certificate file", e);
        }
    }
}
