package dev.stscreds.testkit.signin;

import dev.stscreds.testkit.Json;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

/**
 * A DPoP proof (RFC 9449) as the sign-in service checks it: an ES256 JWT, {@code typ: dpop+jwt}, whose
 * header carries the public {@code jwk} that verifies it, and whose claims name the request
 * ({@code htm}, {@code htu}), its time ({@code iat}) and a unique id ({@code jti}).
 */
record DpopProof(String thumbprint, String htm, String htu, Instant issuedAt, String jti) {
    private static final Base64.Decoder URL = Base64.getUrlDecoder();

    /** Checks the proof's form and signature; the claims are the caller's to compare. */
    static DpopProof verify(String jwt) {
        if (jwt == null || jwt.isEmpty()) throw new Invalid("the DPoP header is missing");
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) throw new Invalid("the DPoP proof is not a JWT");
        Map<String, Object> header = object(parts[0], "header");
        Map<String, Object> claims = object(parts[1], "payload");
        if (!"dpop+jwt".equals(header.get("typ"))) throw new Invalid("the DPoP proof's typ is not dpop+jwt");
        if (!"ES256".equals(header.get("alg"))) throw new Invalid("the DPoP proof's alg is not ES256");
        if (!(header.get("jwk") instanceof Map<?, ?> jwk)) throw new Invalid("the DPoP proof has no jwk");
        if (!"EC".equals(jwk.get("kty")) || !"P-256".equals(jwk.get("crv"))) throw new Invalid("the DPoP jwk is not EC P-256");
        if (jwk.containsKey("d")) throw new Invalid("the DPoP jwk holds a private key");
        String x = String.valueOf(jwk.get("x"));
        String y = String.valueOf(jwk.get("y"));
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(
                    new ECPoint(new BigInteger(1, URL.decode(x)), new BigInteger(1, URL.decode(y))), p256()));
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(URL.decode(parts[2]))) throw new Invalid("the DPoP proof's signature does not verify");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Invalid("the DPoP proof's key or signature is malformed");
        }
        if (!(claims.get("iat") instanceof Number iat)) throw new Invalid("the DPoP proof has no iat");
        String thumbprint = thumbprint(x, y);
        return new DpopProof(thumbprint, String.valueOf(claims.get("htm")), String.valueOf(claims.get("htu")),
                Instant.ofEpochSecond(iat.longValue()), String.valueOf(claims.get("jti")));
    }

    /** RFC 7638: SHA-256 of {@code {"crv","kty","x","y"}} in that order, base64url. */
    static String thumbprint(String x, String y) {
        String canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\"" + y + "\"}";
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String part, String what) {
        try {
            Object parsed = Json.parse(new String(URL.decode(part), StandardCharsets.UTF_8));
            if (parsed instanceof Map<?, ?> map) return (Map<String, Object>) map;
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new Invalid("the DPoP proof's " + what + " is not a JSON object");
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }
}
