package dev.stscreds.rolesanywhere;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stscreds.testing.Python3;
import dev.stscreds.testkit.pki.TestPki;
import dev.stscreds.wire.sigv4.HttpHeader;
import dev.stscreds.wire.sigv4.SignedRequest;
import dev.stscreds.x509.SigningIdentity;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The X.509 form of SigV4 checked by code that is not ours: the canonical request and the string to
 * sign equal botocore's SigV4 (with the X.509 algorithm name in place of the HMAC one) for generated
 * CreateSession requests, an RSA signature equals what {@code openssl dgst -sha256 -sign} makes of
 * that string (PKCS#1 v1.5 is deterministic), and an ECDSA signature verifies with
 * {@code openssl dgst -sha256 -verify}. Skipped, with the reason, without python3+botocore or openssl.
 */
class X509SigningCrossCheckTest {
    private static final int CASES = 60;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String SCRIPT = String.join("\n",
            "import sys, json, hashlib",
            "from botocore.auth import SigV4Auth",
            "from botocore.awsrequest import AWSRequest",
            "from botocore.credentials import Credentials",
            "for line in sys.stdin.read().splitlines():",
            "    c = json.loads(line)",
            "    auth = SigV4Auth(Credentials('unused', 'unused'), 'rolesanywhere', c['region'])",
            "    req = AWSRequest(method='POST', url=c['url'], data=c['body'].encode('utf-8'))",
            "    for name, value in c['headers']:",
            "        req.headers[name] = value",
            "    req.context['timestamp'] = c['amzDate']",
            "    auth._modify_request_before_signing(req)",
            "    creq = auth.canonical_request(req)",
            "    sts = '\\n'.join([c['algorithm'], c['amzDate'], auth.credential_scope(req),",
            "                     hashlib.sha256(creq.encode('utf-8')).hexdigest()])",
            "    print(json.dumps({'creq': creq, 'sts': sts}))");

    @TempDir
    Path dir;

    private final Instant now = Instant.parse("2026-12-07T10:15:30Z");

    @Test
    void canonicalRequestAndStringToSignAreBotocores() throws Exception {
        Random random = new Random(17);
        TestPki.Issued ca = TestPki.rootCa("Cross Check CA", TestPki.ec(384), now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
        TestPki.Issued sub = TestPki.issue(ca, "Cross Check Issuing CA", TestPki.ec(256), true, now.minus(1, ChronoUnit.DAYS),
                now.plus(30, ChronoUnit.DAYS));
        List<SigningIdentity> identities = new ArrayList<>();
        for (KeyPair keys : List.of(TestPki.rsa(2048), TestPki.ec(256), TestPki.ec(384))) {
            TestPki.Issued leaf = TestPki.issue(sub, "host-" + identities.size(), keys, false, now.minus(1, ChronoUnit.HOURS),
                    now.plus(1, ChronoUnit.DAYS));
            identities.add(new SigningIdentity(leaf.certificate(), List.of(sub.certificate()), keys.getPrivate(), null, "test key"));
            identities.add(new SigningIdentity(leaf.certificate(), List.of(), keys.getPrivate(), null, "test key"));
        }
        String[] regions = {"us-east-1", "eu-central-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"};
        String[] names = {null, "build-agent-7", "a.b@c=d,e+f", "xx"};
        List<SignedRequest> signed = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String region = regions[random.nextInt(regions.length)];
            String partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
            String account = String.format("%012d", random.nextLong(1_000_000_000_000L));
            var request = new CreateSessionRequest(
                    "arn:" + partition + ":rolesanywhere:" + region + ":" + account + ":trust-anchor/" + uuid(random),
                    "arn:" + partition + ":rolesanywhere:" + region + ":" + account + ":profile/" + uuid(random),
                    "arn:" + partition + ":iam::" + account + ":role/" + (random.nextBoolean() ? "path/to/" : "") + "Role-" + i,
                    900 + random.nextInt(42301), names[random.nextInt(names.length)]);
            SigningIdentity identity = identities.get(random.nextInt(identities.size()));
            var client = new RolesAnywhereClient(URI.create("https://rolesanywhere." + region + ".amazonaws.com"), region);
            Instant at = now.plusSeconds(random.nextInt(86_400));
            SignedRequest s = client.signedCreateSession(request, identity, at);
            signed.add(s);
            lines.add(caseJson(s, region, identity.algorithm(), requestBody(s, request)));
        }

        List<String> botocore = Python3.run(SCRIPT, lines, "botocore");

        assertThat(botocore).hasSize(CASES);
        for (int i = 0; i < CASES; i++) {
            Map<String, String> expected = parse(botocore.get(i));
            assertThat(signed.get(i).canonicalRequest()).as("canonical request of case %d", i).isEqualTo(expected.get("creq"));
            assertThat(signed.get(i).stringToSign()).as("string to sign of case %d", i).isEqualTo(expected.get("sts"));
        }
    }

    @Test
    void rsaSignatureIsOpensslsAndEcdsaSignatureVerifiesWithOpenssl() throws Exception {
        assumeOpenssl();
        TestPki.Issued ca = TestPki.rootCa("OpenSSL CA", TestPki.rsa(2048), now.minus(1, ChronoUnit.DAYS), now.plus(30, ChronoUnit.DAYS));
        var request = new CreateSessionRequest("arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/1a2b",
                "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/3c4d", "arn:aws:iam::111122223333:role/OnPrem", 3600, null);
        var client = new RolesAnywhereClient(URI.create("https://rolesanywhere.eu-west-1.amazonaws.com"), "eu-west-1");
        for (KeyPair keys : List.of(TestPki.rsa(2048), TestPki.rsa(3072), TestPki.ec(256), TestPki.ec(384))) {
            TestPki.Issued leaf = TestPki.issue(ca, "signer", keys, false, now.minus(1, ChronoUnit.HOURS), now.plus(1, ChronoUnit.DAYS));
            SigningIdentity identity = new SigningIdentity(leaf.certificate(), List.of(), keys.getPrivate(), null, "test key");
            SignedRequest s = client.signedCreateSession(request, identity, now);
            Path stringToSign = Files.writeString(dir.resolve("sts.txt"), s.stringToSign());
            Path key = leaf.writePrivateKey(dir.resolve("key.pem"));
            if (keys.getPrivate().getAlgorithm().equals("RSA")) {
                byte[] reference = run("openssl", "dgst", "-sha256", "-sign", key.toString(), stringToSign.toString());
                assertThat(s.signature()).as("RSA %s-bit", keys.getPublic().getEncoded().length).isEqualTo(HexFormat.of().formatHex(reference));
            } else {
                Path signature = Files.write(dir.resolve("sig.der"), HexFormat.of().parseHex(s.signature()));
                Path publicKey = Files.writeString(dir.resolve("pub.pem"), TestPki.pem("PUBLIC KEY", keys.getPublic().getEncoded()));
                String verdict = new String(run("openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature",
                        signature.toString(), stringToSign.toString()), StandardCharsets.UTF_8);
                assertThat(verdict.trim()).isEqualTo("Verified OK");
                // one changed byte of the string to sign must not verify
                Files.writeString(stringToSign, s.stringToSign() + "x");
                ProcessBuilder pb = new ProcessBuilder("openssl", "dgst", "-sha256", "-verify", publicKey.toString(), "-signature",
                        signature.toString(), stringToSign.toString()).redirectErrorStream(true);
                Process p = pb.start();
                p.getInputStream().readAllBytes();
                assertThat(p.waitFor()).isNotZero();
            }
            assertThat(s.authorization()).startsWith(identity.algorithm() + " Credential=" + leaf.serial() + "/20261207/eu-west-1/rolesanywhere/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-x509, Signature=");
        }
    }

    static void assumeOpenssl() {
        try {
            Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            Assumptions.assumeTrue(p.waitFor() == 0, "skipped: openssl does not run");
        } catch (IOException | InterruptedException e) {
            Assumptions.abort("skipped: openssl is not on PATH (" + e.getMessage() + ")");
        }
    }

    static byte[] run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(String.join(" ", command) + " failed");
        return out;
    }

    private static String requestBody(SignedRequest s, CreateSessionRequest r) {
        return "{\"durationSeconds\":" + r.durationSeconds()
                + (r.roleSessionName() == null ? "" : ",\"roleSessionName\":\"" + r.roleSessionName() + "\"") + "}";
    }

    private static String caseJson(SignedRequest s, String region, String algorithm, String body) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("url", s.uri().toString());
            g.writeStringField("region", region);
            g.writeStringField("algorithm", algorithm);
            g.writeStringField("body", body);
            g.writeStringField("amzDate", s.header("X-Amz-Date").orElseThrow());
            g.writeArrayFieldStart("headers");
            for (HttpHeader h : s.headers()) {
                if (h.is("authorization") || h.is("host") || h.is("x-amz-date")) continue;
                g.writeStartArray();
                g.writeString(h.name());
                g.writeString(h.value());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return out.toString();
    }

    private static Map<String, String> parse(String line) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                out.put(name, p.getText());
            }
        }
        return out;
    }

    private static String uuid(Random random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}
