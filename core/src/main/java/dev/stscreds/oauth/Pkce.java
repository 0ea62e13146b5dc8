package dev.stscreds.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636): a random code verifier of 64 unreserved characters, kept in memory only,
 * and its S256 challenge, base64url without padding, which goes into the authorization URL.
 * {@link #toString()} never shows the verifier.
 */
public record Pkce(String verifier, String challenge) {
    private static final String UNRESERVED = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

    public static Pkce generate(SecureRandom random) {
        StringBuilder verifier = new StringBuilder(64);
        for (int i = 0; i < 64; i++) verifier.append(UNRESERVED.charAt(random.nextInt(UNRESERVED.length())));
        return new Pkce(verifier.toString(), challengeOf(verifier.toString()));
    }

    /** base64url(SHA-256(verifier)) without padding. */
    public static String challengeOf(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[verifier=***, challenge=" + challenge + "]";
    }
}
