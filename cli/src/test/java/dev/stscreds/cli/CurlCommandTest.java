package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.config.Settings;
import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.sts.SignedEchoServer;
import dev.stscreds.wire.http.CommandLineRequest;
import dev.stscreds.wire.http.RequestBody;
import dev.stscreds.wire.sigv4.SigV4Signer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stscreds curl} in process, against the testkit's signature-checking echo service. */
class CurlCommandTest {
    private static final String KEY_ID = "ASIAEXAMPLEEXAMPLE01";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE+token/==";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private SignedEchoServer echo;
    private String base;

    @BeforeEach
    void world() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[dev]\naws_access_key_id = " + KEY_ID + "\n"
                + "aws_secret_access_key = " + SECRET + "\naws_session_token = " + TOKEN + "\n"
                + "[wrong]\naws_access_key_id = " + KEY_ID + "\naws_secret_access_key = not-the-secret\n"
                + "aws_session_token = " + TOKEN + "\n");
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\nregion = eu-west-1\n[profile wrong]\nregion = eu-west-1\n");
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        echo = new SignedEchoServer().clock(CLOCK).allow(KEY_ID, SECRET, TOKEN).start();
        base = echo.endpoint().toString();
    }

    @AfterEach
    void stop() {
        echo.close();
    }

    private int run(String... args) {
        return run(new PrintStream(out, true, StandardCharsets.UTF_8), args);
    }

    private int run(PrintStream stdout, String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> StscredsCommand.run(args,
                Settings.of(Map.of(), env, home), CLOCK, stdout, new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void signsForAMadeUpServiceAndPrintsTheAnswerBody() {
        int code = run("curl", "-p", "dev", "--service", "made-up", "-d", "hello=world", base + "/things/1?b=2&a=1");

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("method: POST\n", "path: /things/1\n", "query: b=2&a=1\n", "service: made-up\n",
                "region: eu-west-1\n", "access-key-id: " + KEY_ID + "\n", "body-bytes: 11\n");
        SignedEchoServer.Received got = echo.received().get(0);
        assertThat(new String(got.body(), StandardCharsets.UTF_8)).isEqualTo("hello=world");
        assertThat(got.headers().get("Content-type")).containsExactly("application/x-www-form-urlencoded");
    }

    @Test
    void anAnswerWhoseBodyStallsEndsAtMaxTimeWithAnErrorThatSaysSo() {
        echo.faults().next(1, Fault.slowDrip(Duration.ofSeconds(2)));

        int code = run("curl", "-p", "dev", "--service", "svc", "-m", "1", base + "/slow");

        assertThat(code).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err()).contains("GET " + base + "/slow: the answer did not arrive in full within 1 s", "--max-time");
        assertThat(out().length()).as("at most the bytes that came").isLessThan(3);
    }

    @Test
    void getIsTheDefaultWithoutDataAndDashXChoosesAnother() {
        assertThat(run("curl", "-p", "dev", "--service", "svc", "--region", "ap-south-1", base + "/")).as(err()).isZero();
        assertThat(run("curl", "-p", "dev", "--service", "svc", "-X", "DELETE", base + "/x")).as(err()).isZero();
        assertThat(echo.received()).extracting(SignedEchoServer.Received::method).containsExactly("GET", "DELETE");
        assertThat(echo.received().get(0).region()).isEqualTo("ap-south-1");
    }

    @Test
    void repeatedAndUntidyHeadersAndAPlusInTheQueryAreSignedAsTheServerRebuildsThem() {
        int code = run("curl", "-p", "dev", "--service", "svc", "-H", "X-Tag:   a    b  ", "-H", "x-tag: second",
                "-H", "X-Empty;", "-H", "X-Fold: one\n   two", base + "/a/./b/../c?q=1+1&q=&z=%7e");

        assertThat(code).as(err() + out()).isZero();
        assertThat(out()).contains("query: q=1%2B1&q=&z=%7e\n", "signed-headers: host;x-amz-date;x-amz-security-token;"
                + "x-empty;x-fold;x-tag\n");
    }

    @Test
    void aWrongSecretIs403AndExitCode22WithTheStatusOnStderr() {
        int code = run("curl", "-p", "wrong", "--service", "svc", base + "/");

        assertThat(code).isEqualTo(ExitCodes.HTTP_ERROR);
        assertThat(err()).contains("answered 403").doesNotContain("not-the-secret");
        assertThat(out()).contains("<Code>SignatureDoesNotMatch</Code>");
        assertThat(echo.received()).isEmpty();
    }

    @Test
    void includePrintsTheStatusLineAndHeadersFirst() {
        int code = run("curl", "-p", "dev", "--service", "svc", "-i", base + "/status/404");

        assertThat(code).isEqualTo(ExitCodes.HTTP_ERROR);
        assertThat(err()).contains("GET " + base + "/status/404 answered 404");
        String[] headAndBody = out().split("\r\n\r\n", 2);
        assertThat(headAndBody[0]).startsWith("HTTP/1.1 404\r\n").containsIgnoringCase("content-type: text/plain");
        assertThat(headAndBody[1]).startsWith("method: GET\n").contains("path: /status/404\n");
    }

    @Test
    void dataIsReadAsCurlReadsIt() throws Exception {
        Path text = Files.writeString(home.resolve("form.txt"), "a=1\r\nb=2\n");
        Path binary = Files.write(home.resolve("blob.bin"), new byte[] {1, '\r', '\n', 0, (byte) 0xff});

        assertThat(run("curl", "-p", "dev", "--service", "svc", "-d", "@" + text, "--data-binary", "@" + binary,
                "--data-raw", "@literal", "-d", "x=y", base + "/")).as(err()).isZero();

        byte[] expected = concat("a=1b=2&".getBytes(StandardCharsets.UTF_8), new byte[] {1, '\r', '\n', 0, (byte) 0xff},
                "&@literal&x=y".getBytes(StandardCharsets.UTF_8));
        assertThat(echo.received().get(0).body()).isEqualTo(expected);
    }

    @Test
    void aFiftyMegabyteFileIsHashedAndSentByStreaming() throws Exception {
        Path big = home.resolve("big.bin");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Random random = new Random(50);
        byte[] block = new byte[1 << 20];
        try (OutputStream file = new DigestOutputStream(Files.newOutputStream(big), sha256)) {
            for (int i = 0; i < 50; i++) {
                random.nextBytes(block);
                file.write(block);
            }
        }
        String hash = HexFormat.of().formatHex(sha256.digest());

        int code = run("curl", "-p", "dev", "--service", "s3", "--region", "eu-west-1", "-X", "PUT",
                "-H", "Content-Type: application/octet-stream", "--data-binary", "@" + big, base + "/bucket/big.bin");

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("body-bytes: " + (50L << 20) + "\n", "body-sha256: " + hash + "\n");
        SignedEchoServer.Received got = echo.received().get(0);
        assertThat(got.headers().get("X-amz-content-sha256")).containsExactly(hash);
        assertThat(got.body()).hasSize(50 << 20);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(got.body()))).isEqualTo(hash);
    }

    @Test
    void theAnswerBodyIsPassedThroughAsBytes() throws Exception {
        byte[] raw = new byte[256];
        for (int i = 0; i < raw.length; i++) raw[i] = (byte) i;
        Path file = Files.write(home.resolve("all-bytes"), raw);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        int code = run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "curl", "-p", "dev", "--service", "svc",
                "--data-binary", "@" + file, base + "/");

        assertThat(code).as(err()).isZero();
        assertThat(bytes.toString(StandardCharsets.ISO_8859_1)).contains("body-bytes: 256\n");
        assertThat(echo.received().get(0).body()).isEqualTo(raw);
    }

    @Test
    void signOnlyPrintsTheSignedHeadersAndSendsNothing() throws Exception {
        int code = run("curl", "-p", "dev", "--sign-only", "-H", "X-Tag: a", "-d", "Action=GetCallerIdentity&Version=2011-06-15",
                "https://STS.eu-west-1.amazonaws.com");

        assertThat(code).as(err()).isZero();
        CommandLineRequest request = CommandLineRequest.of("POST", "https://sts.eu-west-1.amazonaws.com/",
                List.of("X-Tag: a", "Content-Type: application/x-www-form-urlencoded"),
                RequestBody.of("Action=GetCallerIdentity&Version=2011-06-15".getBytes(StandardCharsets.UTF_8)));
        Credentials creds = Credentials.builder().accessKeyId(KEY_ID).secretAccessKey(SECRET).sessionToken(TOKEN).source("test").build();
        List<String> expected = CommandLineRequest.headerLines(request.sign(SigV4Signer.create("sts", "eu-west-1"), creds, CLOCK.instant()));
        assertThat(out()).isEqualTo(String.join("\n", expected) + "\n");
        assertThat(out()).contains("Host: sts.eu-west-1.amazonaws.com\n", "X-Amz-Date: 20261122T100000Z\n",
                "X-Amz-Security-Token: " + TOKEN + "\n", "Authorization: AWS4-HMAC-SHA256 Credential=" + KEY_ID
                        + "/20261122/eu-west-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-tag, ")
                .doesNotContainIgnoringCase("x-amz-content-sha256");
        assertThat(echo.received()).isEmpty();
    }

    @Test
    void signOnlyForS3AddsThePayloadHashAndKeepsThePathAsItIs() {
        int code = run("curl", "-p", "dev", "--sign-only", "https://bucket.s3.us-west-2.amazonaws.com/a//b/../c");

        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
                "Credential=" + KEY_ID + "/20261122/us-west-2/s3/aws4_request");
    }

    @Test
    void aHostThatNamesNoServiceNeedsDashDashService() {
        assertThat(run("curl", "-p", "dev", base + "/")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("cannot tell which service 127.0.0.1 is: pass --service NAME");
        assertThat(echo.received()).isEmpty();
    }

    @Test
    void withoutAnyRegionTheErrorSaysWhereToSetOne() throws Exception {
        Files.writeString(home.resolve(".aws/config"), "");
        assertThat(run("curl", "-p", "dev", "--service", "svc", base + "/")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("pass --region REGION, or set AWS_REGION or region = in profile dev");
    }

    @Test
    void aBadUrlOrHeaderIsAUsageError() {
        assertThat(run("curl", "-p", "dev", "--service", "svc", "-H", "Host: evil", base + "/")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("Host is set by the HTTP client");
        assertThat(run("curl", "-p", "dev", "--service", "svc", "--data-binary", "@" + home.resolve("missing"), base + "/"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("cannot read " + home.resolve("missing"));
    }

    @Test
    void helpShowsAnExampleAndTheExitCodeIsDocumented() {
        assertThat(run("curl", "--help")).isZero();
        assertThat(out()).contains("stscreds curl -p dev -d 'Action=GetCallerIdentity&Version=2011-06-15'", "--sign-only");
        out.reset();
        assertThat(run("--help")).isZero();
        assertThat(out()).contains("curl", " 22  curl: the server answered with a status outside 2xx");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) all.writeBytes(p);
        return all.toByteArray();
    }
}
