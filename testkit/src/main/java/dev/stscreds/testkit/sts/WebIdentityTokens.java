package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The testkit's OpenID Connect identity provider: issues RS256-signed JWTs and checks the ones
 * presented to AssumeRoleWithWebIdentity (signature, issuer, expiry).
 */
final class WebIdentityTokens {
    static final String ISSUER_HOST = "oidc.stscreds.test";
    static final String ISSUER = "https://" + ISSUER_HOST;
    private static final String KEY_ID = "stscreds-testkit-1";

    /** What a checked token says. */
    record Claims(String issuer, String subject, List<String> audiences, Instant expiresAt) {}

    private KeyPair keys;

    /** A token for this subject and audience, valid from {@code issuedAt} to {@code expiresAt}. */
    String issue(String subject, String audience, Instant issuedAt, Instant expiresAt) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        header.put("kid", KEY_ID);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("aud", audience);
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("nbf", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        String signingInput = base64(Json.write(header)) + "." + base64(Json.write(claims));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(signingInput));
    }

    /** The token's claims, or the error AWS answers for a token it cannot accept. */
    Claims verify(String token, Instant now) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) throw invalid("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
        Map<?, ?> header = object(parts[0]);
        Map<?, ?> claims = object(parts[1]);
        if (!"RS256".equals(header.get("alg")) || !signatureValid(parts[0] + "." + parts[1], parts[2])) {
            throw invalid("Couldn't verify the signature of the token with any of the provider's keys.");
        }
        Object issuer = claims.get("iss");
        if (!ISSUER.equals(issuer)) throw invalid("No OpenIDConnect provider found in your account for " + issuer);
        if (!(claims.get("exp") instanceof Number exp)) throw invalid("The token has no expiration (exp) claim.");
        if (!now.isBefore(Instant.ofEpochSecond(exp.longValue()))) {
            throw new AwsError(400, "ExpiredTokenException", "Token expired: current date/time " + now.getEpochSecond()
                    + " must be before the expiration date/time" + exp.longValue());
        }
        Object sub = claims.get("sub");
        Object aud = claims.get("aud");
        List<String> audiences = aud instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : aud == null ? List.of() : List.of(aud.toString());
        return new Claims(ISSUER, sub == null ? null : sub.toString(), audiences, Instant.ofEpochSecond(exp.longValue()));
    }

    private synchronized KeyPair keys() {
        if (keys == null) {
            try {
                // Key material for a signature, so from the platform's secure source; nothing a test
                // asserts depends on it.
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, new SecureRandom());
                keys = generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("RSA is missing from this JDK", e);
            }
        }
        return keys;
    }

    private byte[] sign(String signingInput) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys().getPrivate());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a web identity token", e);
        }
    }

    private boolean signatureValid(String signingInput, String signature) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(keys().getPublic());
            s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return s.verify(Base64.getUrlDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Map<?, ?> object(String part) {
        try {
            if (Json.parse(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8)) instanceof Map<?, ?> m) return m;
        } catch (IllegalArgumentException e) {
            // fall through: not base64url JSON
        }
        throw invalid("The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)");
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static AwsError invalid(String message) {
        return new AwsError(400, "InvalidIdentityToken", message);
    }
}
