package dev.stscreds.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.testing.Python3;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's DPoP key: SEC1 PEM both ways, proofs a verifier accepts, the file layout botocore writes. */
class DpopKeyTest {
    @TempDir
    Path dir;

    @Test
    void aProofIsAnEs256JwtThatItsOwnJwkVerifies() throws Exception {
        DpopKey key = DpopKey.generate(new SecureRandom());
        String proof = key.proof("POST", URI.create("https://us-east-1.signin.aws.amazon.com/v1/token?x=1"),
                Instant.parse("2026-03-01T09:00:00Z"), UUID.fromString("00000000-0000-0000-0000-000000000001"));
        String[] parts = proof.split("\\.");
        String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertThat(header).startsWith("{\"typ\":\"dpop+jwt\",\"alg\":\"ES256\",\"jwk\":{\"kty\":\"EC\",\"x\":\"").endsWith("\"crv\":\"P-256\"}}");
        assertThat(claims).isEqualTo("{\"htm\":\"POST\",\"htu\":\"https://us-east-1.signin.aws.amazon.com/v1/token\","
                + "\"iat\":1772355600,\"jti\":\"00000000-0000-0000-0000-000000000001\"}");
        String x = header.replaceAll(".*\"x\":\"([^\"]+)\".*", "$1");
        String y = header.replaceAll(".*\"y\":\"([^\"]+)\".*", "$1");
        var publicKey = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger(1, Base64.getUrlDecoder().decode(x)), new BigInteger(1, Base64.getUrlDecoder().decode(y))), DpopKey.curve()));
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    @Test
    void thePemReadsBackAsTheSameKeyAndALeftOutPublicKeyIsDerived() {
        DpopKey key = DpopKey.generate(new SecureRandom());
        String pem = key.toPem();
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----\n").endsWith("\n-----END EC PRIVATE KEY-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
        assertThat(DpopKey.fromPem(pem, "test").thumbprint()).isEqualTo(key.thumbprint());

        // SEC1 without its optional public key: the first 7 + 32 + 12 bytes, with the outer length fixed
        byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----|\\s", ""));
        byte[] shorter = java.util.Arrays.copyOf(der, 2 + 3 + 34 + 12);
        shorter[1] = (byte) (shorter.length - 2);
        String noPublic = "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(shorter) + "\n-----END EC PRIVATE KEY-----\n";
        assertThat(DpopKey.fromPem(noPublic, "test").thumbprint()).isEqualTo(key.thumbprint());
        assertThat(key.toString()).doesNotContain(pem.split("\n")[1]);
    }

    @Test
    void readsAKeyThatOpensslWrote() throws Exception {
        Path pem = dir.resolve("key.pem");
        Process p;
        try {
            p = new ProcessBuilder("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", pem.toString())
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "skipped: openssl is not installed");
            return;
        }
        assumeTrue(p.waitFor() == 0, "skipped: openssl could not make a key");
        Process pub = new ProcessBuilder("openssl", "ec", "-in", pem.toString(), "-pubout", "-outform", "DER")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] spki = pub.getInputStream().readAllBytes();
        assertThat(pub.waitFor()).isZero();
        byte[] point = java.util.Arrays.copyOfRange(spki, spki.length - 64, spki.length);
        DpopKey key = DpopKey.fromPem(Files.readString(pem), "openssl's key");
        assertThat(key.publicJwk()).contains("\"x\":\"" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(java.util.Arrays.copyOf(point, 32)) + "\"");
    }

    @Test
    void aBrokenKeySaysWhereAndToSignInAgain() {
        assertThatThrownBy(() -> DpopKey.fromPem("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n", "/x/y.json"))
                .hasMessageContaining("/x/y.json").hasMessageContaining("malformed");
    }

    @Test
    void theCacheFileIsWhatPythonsJsonDumpsWritesForTheSameSession() throws Exception {
        signinFile();
        Path file = dir.resolve("session.json");
        String text = Files.readString(file);
        // botocore's JSONFileCache: json.dumps(token) of the dict as read — key order kept, ", " and ": "
        List<String> python = Python3.run("import json,sys; print(json.dumps(json.loads(open(sys.stdin.readline().strip()).read())))",
                List.of(file.toString()));
        assertThat(python).containsExactly(text);
    }

    private void signinFile() throws Exception {
        DpopKey key = DpopKey.generate(new SecureRandom());
        LoginToken token = LoginToken.create(new SigninTokenGrant("ASIAEXAMPLEKEY123456", "secret/with+chars", "tok\u00e9n",
                        "aws_sigv4", java.time.Duration.ofMinutes(15), "rt", java.util.Optional.of("a.b.c")),
                "123456789012", Instant.parse("2026-03-01T09:15:00.123Z"), SigninClient.SAME_DEVICE_CLIENT, key);
        Files.writeString(dir.resolve("session.json"), token.toJson());
        assertThat(token.toJson()).contains("\"expiresAt\": \"2026-03-01T09:15:00Z\"").contains("tok\\u00e9n");
        assertThat(token.toString()).doesNotContain("secret").doesNotContain("rt,");
    }
}
