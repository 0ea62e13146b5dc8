package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import dev.stscreds.testkit.LoopbackHttp.Request;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The verifier against the AWS SigV4 test suite (as kept by botocore): every signed request there must verify. */
class SigV4VerifierTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
    /** The cases botocore skips too: their .req lines hold characters or orders no real client sends. */
    private static final Set<String> SKIPPED = Set.of("get-space", "get-vanilla-query-order-key",
            "get-vanilla-query-order-key-case", "get-vanilla-query-order-value");

    static Stream<Path> cases() throws IOException, URISyntaxException {
        Path root = Path.of(SigV4VerifierTest.class.getResource("/aws4_testsuite").toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".sreq"))
                    .map(Path::getParent)
                    .filter(dir -> !SKIPPED.contains(dir.getFileName().toString()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everySignedRequestOfTheSuiteVerifies(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        Request request = parse(Files.readString(dir.resolve(name + ".sreq"), StandardCharsets.UTF_8));
        // .authz rather than the Authorization line of .sreq: in get-vanilla-with-session-token the
        // .sreq still carries get-vanilla's signature, while .authz matches .creq and .sts
        SigV4Verifier.Authorization auth = SigV4Verifier.parse(Files.readString(dir.resolve(name + ".authz"), StandardCharsets.UTF_8));
        String payloadHash = SigV4Verifier.hex(SigV4Verifier.sha256(request.body()));

        assertThat(SigV4Verifier.canonicalRequest(request, auth.signedHeaders(), payloadHash))
                .isEqualTo(Files.readString(dir.resolve(name + ".creq"), StandardCharsets.UTF_8));
        SigV4Verifier.verify(request, auth, SECRET, SIGNED_AT); // throws when it does not verify
    }

    @Test
    void aChangedBodyOrAWrongSecretDoesNotVerify() throws Exception {
        Path dir = Path.of(getClass().getResource("/aws4_testsuite/post-x-www-form-urlencoded").toURI());
        Request signed = parse(Files.readString(dir.resolve("post-x-www-form-urlencoded.sreq"), StandardCharsets.UTF_8));
        Request tampered = new Request(signed.method(), signed.path(), signed.rawQuery(), signed.headers(),
                "Param1=value2".getBytes(StandardCharsets.UTF_8));
        SigV4Verifier.Authorization auth = SigV4Verifier.parse(signed.header("Authorization"));

        assertThatThrownBy(() -> SigV4Verifier.verify(tampered, auth, SECRET, SIGNED_AT))
                .isInstanceOf(AwsError.class).extracting("code").isEqualTo("SignatureDoesNotMatch");
        assertThatThrownBy(() -> SigV4Verifier.verify(signed, auth, SECRET + "x", SIGNED_AT))
                .isInstanceOf(AwsError.class).hasMessageStartingWith("The request signature we calculated does not match");
    }

    @Test
    void clockSkewOfMoreThanFifteenMinutesIsSignatureExpiredEitherWay() throws Exception {
        Path dir = Path.of(getClass().getResource("/aws4_testsuite/get-vanilla").toURI());
        Request signed = parse(Files.readString(dir.resolve("get-vanilla.sreq"), StandardCharsets.UTF_8));
        SigV4Verifier.Authorization auth = SigV4Verifier.parse(signed.header("Authorization"));

        SigV4Verifier.verify(signed, auth, SECRET, SIGNED_AT.plusSeconds(15 * 60));
        assertThatThrownBy(() -> SigV4Verifier.verify(signed, auth, SECRET, SIGNED_AT.plusSeconds(15 * 60 + 1)))
                .hasMessage("Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T125101Z - 15 min.)");
        assertThatThrownBy(() -> SigV4Verifier.verify(signed, auth, SECRET, SIGNED_AT.minusSeconds(15 * 60 + 1)))
                .hasMessageStartingWith("Signature not yet current: 20150830T123600Z is still later than");
    }

    @Test
    void malformedAuthorizationHeadersAreIncompleteSignature() {
        assertThatThrownBy(() -> SigV4Verifier.parse("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/sts/aws4_request"))
                .isInstanceOf(AwsError.class).extracting("code").isEqualTo("IncompleteSignature");
        assertThatThrownBy(() -> SigV4Verifier.parse("AWS AKID:signature"))
                .hasMessage("Unsupported AWS 'algorithm': 'AWS'");
    }

    /** A raw HTTP request of the suite: request line, headers (folded lines joined), blank line, body. */
    private static Request parse(String raw) {
        String[] headAndBody = raw.split("\n\n", 2);
        List<String> lines = List.of(headAndBody[0].split("\n"));
        String[] requestLine = lines.get(0).split(" ");
        String target = String.join(" ", List.of(requestLine).subList(1, requestLine.length - 1));
        int q = target.indexOf('?');
        Headers headers = new Headers();
        String lastName = null;
        for (String line : lines.subList(1, lines.size())) {
            if (Character.isWhitespace(line.charAt(0))) {
                List<String> values = headers.get(lastName);
                values.set(values.size() - 1, values.get(values.size() - 1) + "\n" + line);
                continue;
            }
            int colon = line.indexOf(':');
            lastName = line.substring(0, colon);
            headers.add(lastName, line.substring(colon + 1));
        }
        byte[] body = headAndBody.length > 1 ? headAndBody[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
        return new Request(requestLine[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1), headers, body);
    }
}
