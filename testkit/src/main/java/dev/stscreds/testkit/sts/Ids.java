package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.FakeCredentials;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Makes the identifiers and secrets the local STS hands out, shaped like AWS's, from one injected
 * random source. Synchronized, so any {@link RandomGenerator} may be injected.
 */
final class Ids {
    private static final String HEX = "0123456789abcdef";
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final RandomGenerator random;

    Ids(RandomGenerator random) {
        this.random = random;
    }

    /** A unique id such as {@code AIDA…} (users, 21 characters) or {@code AROA…} (roles). */
    synchronized String uniqueId(String prefix) {
        return prefix + text(Base32.ALPHABET, 17);
    }

    synchronized String accessKeyId() {
        return "AKIA" + text(Base32.ALPHABET, 16);
    }

    synchronized String secretAccessKey() {
        return text(BASE64, 40);
    }

    synchronized FakeCredentials sessionCredentials(Instant expiration) {
        return FakeCredentials.generate(random, expiration);
    }

    /** A request id in AWS's UUID form. */
    synchronized String requestId() {
        return text(HEX, 8) + "-" + text(HEX, 4) + "-" + text(HEX, 4) + "-" + text(HEX, 4) + "-" + text(HEX, 12);
    }

    synchronized byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String text(String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return s.toString();
    }
}
