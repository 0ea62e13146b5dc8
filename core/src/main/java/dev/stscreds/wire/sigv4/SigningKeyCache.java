package dev.stscreds.wire.sigv4;

import java.nio.charset.StandardCharsets;

/**
 * Remembers the last derived signing key of one signer (so one region and service) for one secret
 * and day: deriving it costs four HMACs, and a client signs many requests with the same key.
 * Holds the secret, so it has no {@code toString} that could show it.
 */
final class SigningKeyCache {
    private static final byte[] TERMINATOR = "aws4_request".getBytes(StandardCharsets.US_ASCII);

    private final byte[] region;
    private final byte[] service;
    private volatile Entry last;

    SigningKeyCache(String region, String service) {
        this.region = region.getBytes(StandardCharsets.UTF_8);
        this.service = service.getBytes(StandardCharsets.UTF_8);
    }

    /** @param dateStamp {@code yyyyMMdd} */
    byte[] signingKey(String secret, String dateStamp, Digests digests) {
        Entry entry = last;
        if (entry != null && entry.matches(secret, dateStamp)) return entry.key;
        byte[] key = derive(secret, dateStamp, digests);
        last = new Entry(secret, dateStamp, key);
        return key;
    }

    private byte[] derive(String secret, String dateStamp, Digests digests) {
        byte[] k = ("AWS4" + secret).getBytes(StandardCharsets.UTF_8);
        k = digests.hmac(k, dateStamp.getBytes(StandardCharsets.US_ASCII));
        k = digests.hmac(k, region);
        k = digests.hmac(k, service);
        return digests.hmac(k, TERMINATOR);
    }

    private static final class Entry {
        private final String secret;
        private final String dateStamp;
        private final byte[] key;

        Entry(String secret, String dateStamp, byte[] key) {
            this.secret = secret;
            this.dateStamp = dateStamp;
            this.key = key;
        }

        boolean matches(String otherSecret, String otherDate) {
            return dateStamp.equals(otherDate) && (secret == otherSecret || secret.equals(otherSecret));
        }
    }
}
