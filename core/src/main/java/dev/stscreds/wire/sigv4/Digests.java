package dev.stscreds.wire.sigv4;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256 and HMAC-SHA256 engines reused per thread: looking them up costs more than using them.
 * The HMAC engine keeps the last key it was given, so signing many requests with one cached
 * signing key initialises it once.
 */
final class Digests {
    private static final ThreadLocal<Digests> PER_THREAD = ThreadLocal.withInitial(Digests::new);

    private final MessageDigest sha256;
    private final Mac hmac;
    private byte[] hmacKey;

    private Digests() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
            hmac = Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks SHA-256 or HmacSHA256", e);
        }
    }

    static Digests forThisThread() {
        return PER_THREAD.get();
    }

    byte[] sha256(byte[] data) {
        return sha256.digest(data);
    }

    byte[] hmac(byte[] key, byte[] data) {
        if (key != hmacKey) {
            try {
                hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 refused a key", e);
            }
            hmacKey = key;
        }
        return hmac.doFinal(data);
    }
}
