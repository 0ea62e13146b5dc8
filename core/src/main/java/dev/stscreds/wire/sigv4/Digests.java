package dev.stscreds.wire.sigv4;

import java.io.IOException;
import java.io.InputStream;
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

    /** SHA-256 of everything left in {@code in}, read a block at a time: the whole body is never in memory. */
    byte[] sha256(InputStream in) throws IOException {
        byte[] block = new byte[64 * 1024];
        try {
            for (int n; (n = in.read(block)) >= 0; ) sha256.update(block, 0, n);
        } catch (IOException | RuntimeException e) {
            sha256.reset(); // a half-fed engine would spoil the next hash on this thread
            throw e;
        }
        return sha256.digest();
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
