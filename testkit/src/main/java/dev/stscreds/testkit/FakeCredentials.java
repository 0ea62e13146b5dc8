package dev.stscreds.testkit;

import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Credentials the local endpoints hand out: fake, but shaped like real temporary credentials
 * (an {@code ASIA…} key id of 20 characters, a 40-character secret, a long session token).
 *
 * <p>{@link #toString()} hides the secret and the token, as real code must.
 */
public record FakeCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    /** Real access key ids use these (base32) characters after the four-letter prefix. */
    private static final String KEY_ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public FakeCredentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
        Objects.requireNonNull(expiration, "expiration");
    }

    /** New random temporary credentials that expire at {@code expiration}. */
    public static FakeCredentials generate(RandomGenerator random, Instant expiration) {
        return new FakeCredentials(
                "ASIA" + randomText(random, KEY_ID_ALPHABET, 16),
                randomText(random, BASE64, 40),
                "IQoJb3JpZ2luX2VjE" + randomText(random, BASE64, 300),
                expiration);
    }

    /** The same credentials with another expiry. */
    public FakeCredentials withExpiration(Instant newExpiration) {
        return new FakeCredentials(accessKeyId, secretAccessKey, sessionToken, newExpiration);
    }

    private static String randomText(RandomGenerator random, String alphabet, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return "FakeCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***, sessionToken=***, expiration="
                + expiration + "]";
    }
}
