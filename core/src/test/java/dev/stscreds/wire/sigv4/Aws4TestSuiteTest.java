package dev.stscreds.wire.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.Credentials;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The AWS SigV4 test suite (test resources {@code aws4_testsuite/}, Apache-2.0, as kept in
 * botocore): for every case the canonical request, string to sign, Authorization header and the
 * signed request's headers must match the files.
 */
class Aws4TestSuiteTest {
    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final int CASES_IN_SUITE = 34;

    /**
     * Cases not run, with the reason. botocore also skips get-vanilla-query-order-key,
     * -key-case and -value because its requests hold the query in a dict; this signer keeps
     * repeated query names, so those three run here and pass.
     */
    private static final Map<String, String> SKIPPED = Map.of(
            "normalize-path/get-space",
            "its request line holds a raw space, which no URI (and no real client) carries; "
                    + "a client sends %20, which AWS encodes again to %2520");

    @TestFactory
    Stream<DynamicTest> everyCaseOfTheSuite() throws Exception {
        return cases().stream().map(dir -> DynamicTest.dynamicTest(caseName(dir), () -> {
            String name = caseName(dir);
            Assumptions.assumeFalse(SKIPPED.containsKey(name), () -> "skipped: " + SKIPPED.get(name));
            checkCase(dir);
        }));
    }

    @Test
    void theWholeSuiteIsFound() throws Exception {
        assertThat(cases()).hasSize(CASES_IN_SUITE);
        assertThat(cases().stream().map(Aws4TestSuiteTest::caseName))
                .contains("normalize-path/get-slashes", "post-sts-token/post-sts-header-before")
                .containsAll(SKIPPED.keySet());
    }

    private static void checkCase(Path dir) throws IOException {
        String base = dir.getFileName().toString();
        RawRequest raw = RawRequest.parse(read(dir.resolve(base + ".req")));
        RawRequest expectedSigned = RawRequest.parse(read(dir.resolve(base + ".sreq")));
        String expectedCreq = read(dir.resolve(base + ".creq"));

        // the token the case uses: the readme's for post-sts-token, else the signed request's;
        // signed when the canonical request lists it, else added after signing
        String token = caseName(dir).startsWith("post-sts-token/")
                ? readmeToken(dir.getParent())
                : expectedSigned.header("x-amz-security-token");
        boolean tokenSigned = expectedCreq.contains("\nx-amz-security-token:");
        Credentials creds = Credentials.builder().accessKeyId(ACCESS_KEY).secretAccessKey(SECRET_KEY)
                .sessionToken(token).source("test suite").build();
        SigV4Signer signer = SigV4Signer.builder("service", "us-east-1").signSessionToken(tokenSigned).build();

        SignedRequest signed = signer.sign(raw.toSignable(), creds, TIME);

        assertThat(signed.canonicalRequest()).isEqualTo(expectedCreq);
        assertThat(signed.stringToSign()).isEqualTo(read(dir.resolve(base + ".sts")));
        assertThat(signed.authorization()).isEqualTo(read(dir.resolve(base + ".authz")));
        assertThat(signed.signature()).isEqualTo(signed.authorization().substring(signed.authorization().lastIndexOf('=') + 1));
        assertThat(signed.header("Authorization")).contains(signed.authorization());
        // the .sreq files are compared without Authorization: get-vanilla-with-session-token's
        // .sreq carries get-vanilla's signature, while its .authz is right
        assertThat(headerLines(signed.headers())).containsExactlyElementsOf(headerLines(expectedSigned.headers));
    }

    private static List<String> headerLines(List<HttpHeader> headers) {
        return headers.stream().filter(h -> !h.is("authorization"))
                .map(h -> h.name().toLowerCase(Locale.ROOT) + ":" + h.value().trim())
                .collect(Collectors.toList());
    }

    private static String readmeToken(Path postStsTokenDir) throws IOException {
        List<String> lines = Files.readAllLines(postStsTokenDir.resolve("readme.txt"), StandardCharsets.UTF_8);
        String token = lines.stream().filter(l -> l.startsWith("AQoD")).findFirst().orElseThrow();
        assertThat(token).as("the token in readme.txt").hasSizeGreaterThan(100);
        return token.trim();
    }

    private static List<Path> cases() throws Exception {
        Path root = suiteRoot();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".req"))
                    .map(Path::getParent).sorted().collect(Collectors.toList());
        }
    }

    private static Path suiteRoot() throws Exception {
        return Path.of(Aws4TestSuiteTest.class.getResource("/aws4_testsuite").toURI());
    }

    private static String caseName(Path dir) {
        try {
            return suiteRoot().relativize(dir).toString().replace('\\', '/');
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** A request as written in the suite's .req/.sreq files: request line, headers (folded lines kept), body. */
    private static final class RawRequest {
        final String method;
        final String target;
        final List<HttpHeader> headers;
        final String body;

        private RawRequest(String method, String target, List<HttpHeader> headers, String body) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
        }

        static RawRequest parse(String text) {
            int blank = text.indexOf("\n\n");
            String head = blank < 0 ? text : text.substring(0, blank);
            String body = blank < 0 ? "" : text.substring(blank + 2);
            String[] lines = head.split("\n");
            String requestLine = lines[0];
            String method = requestLine.substring(0, requestLine.indexOf(' '));
            String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
            List<HttpHeader> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (line.isEmpty()) continue;
                if (line.charAt(0) == ' ' || line.charAt(0) == '\t') { // a folded continuation line
                    HttpHeader previous = headers.remove(headers.size() - 1);
                    headers.add(new HttpHeader(previous.name(), previous.value() + "\n" + line));
                } else {
                    int colon = line.indexOf(':');
                    headers.add(new HttpHeader(line.substring(0, colon), line.substring(colon + 1)));
                }
            }
            return new RawRequest(method, target, headers, body);
        }

        String header(String name) {
            return headers.stream().filter(h -> h.is(name)).map(HttpHeader::value).findFirst().orElse(null);
        }

        SignableRequest toSignable() {
            SignableRequest.Builder b = SignableRequest.builder(method, URI.create("https://" + header("host") + target));
            headers.forEach(h -> b.header(h.name(), h.value()));
            if (!body.isEmpty()) b.payload(body);
            return b.build();
        }
    }
}
