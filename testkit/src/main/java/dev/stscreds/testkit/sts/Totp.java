package dev.stscreds.testkit.sts;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as virtual MFA devices make them (RFC 6238: HMAC-SHA-1, 30-second
 * steps counted from the Unix epoch, 6 digits).
 *
 * <pre>{@code
 * VirtualMfa mfa = sts.createVirtualMfa("alice");
 * String code = Totp.code(mfa.base32Seed(), clock.instant());
 * }</pre>
 */
public final class Totp {
    /** Length of one time step in seconds. */
    public static final int STEP_SECONDS = 30;
    public static final int DIGITS = 6;

    private Totp() {}

    /** The 6-digit code for the Base32 seed at this instant, with leading zeros. */
    public static String code(String base32Seed, Instant at) {
        return code(Base32.decode(base32Seed), step(at), DIGITS);
    }

    /** The number of the time step this instant falls in. */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** RFC 4226 HOTP of {@code key} at counter {@code step}, {@code digits} long. */
    static String code(byte[] key, long step, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        int modulus = (int) Math.pow(10, digits);
        String code = Integer.toString(binary % modulus);
        return "0".repeat(digits - code.length()) + code;
    }
}
