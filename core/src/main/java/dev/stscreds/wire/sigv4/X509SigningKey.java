package dev.stscreds.wire.sigv4;

import java.util.Optional;

/** What the X.509 form of SigV4 needs of a certificate and its private key. */
public interface X509SigningKey {
    /** {@code AWS4-X509-RSA-SHA256} or {@code AWS4-X509-ECDSA-SHA256}. */
    String algorithm();

    /** The certificate's serial number in decimal, the first part of the credential. */
    String serialNumber();

    /** The leaf certificate as base64 DER ({@code X-Amz-X509}). */
    String certificateBase64();

    /** The intermediates as base64 DER joined by commas ({@code X-Amz-X509-Chain}), if any. */
    Optional<String> chainBase64();

    /** The signature of {@code stringToSign} with SHA-256 (RSA PKCS#1 v1.5, or ECDSA in DER). */
    byte[] sign(byte[] stringToSign);
}
