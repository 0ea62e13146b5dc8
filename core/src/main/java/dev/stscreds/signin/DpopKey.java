package dev.stscreds.signin;

import dev.stscreds.CredentialsException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * The EC P-256 key a sign-in session is bound to (RFC 9449, DPoP): the sign-in service ties the
 * refresh token to this key's public half, so every token request carries a proof signed with it.
 * The AWS CLI keeps it in the session's cache file as a SEC1 PEM ({@code -----BEGIN EC PRIVATE KEY-----}).
 * {@link #toString()} never shows the private half.
 */
public final class DpopKey {
    private static final ECParameterSpec P256 = p256();
    /** The DER header of a SEC1 P-256 key: SEQUENCE, version 1, then a 32-byte OCTET STRING. */
    private static final byte[] OID_P256 = {0x06, 0x08, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x03, 0x01, 0x07};
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final ECPrivateKey privateKey;
    private final ECPoint publicPoint;

    private DpopKey(ECPrivateKey privateKey, ECPoint publicPoint) {
        this.privateKey = privateKey;
        this.publicPoint = publicPoint;
    }

    /** A new key, as {@code aws login} makes one per sign-in. */
    public static DpopKey generate(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = g.generateKeyPair();
            return new DpopKey((ECPrivateKey) pair.getPrivate(), ((ECPublicKey) pair.getPublic()).getW());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make EC P-256 keys", e);
        }
    }

    /**
     * Reads a SEC1 PEM EC P-256 private key (what the AWS CLI and the JavaScript SDK write).
     *
     * @param where names the key in errors, e.g. the cache file; the key itself never appears
     */
    public static DpopKey fromPem(String pem, String where) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw invalid(where, "it is not base64");
        }
        try {
            Der.Reader top = new Der.Reader(der).sequence();
            BigInteger version = top.integer();
            if (!version.equals(BigInteger.ONE)) throw invalid(where, "it is not a SEC1 EC private key");
            byte[] scalar = top.octetString();
            ECPoint publicPoint = null;
            while (top.hasMore()) {
                int tag = top.peekTag();
                Der.Reader tagged = top.tagged();
                if (tag == 0xa0 && !Arrays.equals(tagged.rest(), OID_P256)) throw invalid(where, "its curve is not P-256");
                if (tag == 0xa1) publicPoint = point(tagged.bitString(), where);
            }
            BigInteger d = new BigInteger(1, scalar);
            ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, P256));
            if (publicPoint == null) publicPoint = P256Math.multiplyGenerator(d);
            return new DpopKey(key, publicPoint);
        } catch (Der.Malformed e) {
            throw invalid(where, "its DER is malformed (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw invalid(where, "the JDK refused it (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The key as a SEC1 PEM, lines of 64 characters, as the AWS CLI writes it. */
    public String toPem() {
        byte[] d = fixed32(privateKey.getS());
        ByteArrayOutputStream der = new ByteArrayOutputStream();
        byte[] publicKey = uncompressed();
        // SEQUENCE { INTEGER 1, OCTET STRING d, [0] { OID prime256v1 }, [1] { BIT STRING 04||X||Y } }
        der.write(0x30);
        der.write(3 + 34 + 2 + OID_P256.length + 2 + 3 + publicKey.length);
        der.writeBytes(new byte[] {0x02, 0x01, 0x01, 0x04, 0x20});
        der.writeBytes(d);
        der.write(0xa0);
        der.write(OID_P256.length);
        der.writeBytes(OID_P256);
        der.write(0xa1);
        der.write(3 + publicKey.length);
        der.write(0x03);
        der.write(1 + publicKey.length);
        der.write(0x00);
        der.writeBytes(publicKey);
        String base64 = Base64.getEncoder().encodeToString(der.toByteArray());
        StringBuilder pem = new StringBuilder("-----BEGIN EC PRIVATE KEY-----\n");
        for (int i = 0; i < base64.length(); i += 64) {
            pem.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        return pem.append("-----END EC PRIVATE KEY-----\n").toString();
    }

    /** The public key as a JWK with the members RFC 7638 hashes, in its order: {@code crv, kty, x, y}. */
    public String publicJwk() {
        return "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + URL.encodeToString(fixed32(publicPoint.getAffineX()))
                + "\",\"y\":\"" + URL.encodeToString(fixed32(publicPoint.getAffineY())) + "\"}";
    }

    /** RFC 7638 thumbprint: base64url SHA-256 of {@link #publicJwk()}; what the service binds the refresh token to. */
    public String thumbprint() {
        try {
            return URL.encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(publicJwk().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A DPoP proof for one request: an ES256 JWT with header {@code typ: dpop+jwt}, {@code alg}, the
     * public {@code jwk}, and claims {@code htm}, {@code htu} (the URL without query), {@code iat}, {@code jti}.
     */
    public String proof(String method, URI url, Instant issuedAt, UUID jti) {
        String header = "{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"x\":\""
                + URL.encodeToString(fixed32(publicPoint.getAffineX())) + "\",\"y\":\""
                + URL.encodeToString(fixed32(publicPoint.getAffineY())) + "\",\"crv\":\"P-256\"}}";
        String htu = url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
        String claims = "{\"htm\":\"" + method + "\",\"htu\":\"" + jsonEscape(htu) + "\",\"iat\":"
                + issuedAt.getEpochSecond() + ",\"jti\":\"" + jti + "\"}";
        String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(privateKey);
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot sign with ES256", e);
        }
    }

    @Override
    public String toString() {
        return "DpopKey[P-256, thumbprint=" + thumbprint() + "]";
    }

    private byte[] uncompressed() {
        byte[] out = new byte[65];
        out[0] = 0x04;
        System.arraycopy(fixed32(publicPoint.getAffineX()), 0, out, 1, 32);
        System.arraycopy(fixed32(publicPoint.getAffineY()), 0, out, 33, 32);
        return out;
    }

    private static ECPoint point(byte[] bits, String where) {
        if (bits.length != 65 || bits[0] != 0x04) throw invalid(where, "its public key is not an uncompressed P-256 point");
        return new ECPoint(new BigInteger(1, Arrays.copyOfRange(bits, 1, 33)), new BigInteger(1, Arrays.copyOfRange(bits, 33, 65)));
    }

    static byte[] fixed32(BigInteger n) {
        byte[] raw = n.toByteArray();
        if (raw.length == 32) return raw;
        byte[] out = new byte[32];
        if (raw.length > 32) {
            System.arraycopy(raw, raw.length - 32, out, 0, 32);
        } else {
            System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
        }
        return out;
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static ECParameterSpec curve() {
        return P256;
    }

    private static CredentialsException invalid(String where, String why) {
        return new CredentialsException("the DPoP key in " + where + " cannot be used: " + why,
                "sign in again with `stscreds login` to make a new session and key");
    }

    private static ECParameterSpec p256() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no EC P-256", e);
        }
    }
}
