package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.config.Settings;
import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.FederationEndpoint;
import dev.stscreds.testkit.sts.LocalSts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stscreds console} in process, against the testkit's STS and federation endpoint. */
class ConsoleCommandTest {
    @TempDir
    Path home;

    private LocalSts sts;
    private FederationEndpoint federation;
    private AccessKey key;
    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        sts = new LocalSts().start();
        federation = new FederationEndpoint(sts).start();
        sts.createUser("alice");
        key = sts.createAccessKey("alice");
        String admin = sts.createRole("Admin", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}""");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"),
                "[alice]\naws_access_key_id = " + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n");
        Files.writeString(home.resolve(".aws/config"), "[profile alice]\nregion = eu-central-1\n"
                + "[profile admin]\nrole_arn = " + admin + "\nsource_profile = alice\nregion = eu-central-1\n");
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
    }

    @AfterEach
    void stop() {
        federation.close();
        sts.close();
    }

    private int run(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> StscredsCommand.run(args, Settings.of(Map.of("os.name", "Linux"), env, home),
                Clock.systemUTC(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void stdoutPrintsTheSignInUrlOfTheRoleSession() throws Exception {
        assertThat(run("console", "-p", "admin", "--stdout", "--federation-url", federation.endpoint().toString())).isZero();

        String url = out().strip();
        assertThat(url).startsWith(federation.endpoint() + "?Action=login&Issuer=stscreds&Destination=")
                .doesNotContain("\n");
        assertThat(FederationEndpoint.followSignIn(URI.create(url))).isEqualTo("https://eu-central-1.console.aws.amazon.com/console/home?region=eu-central-1");
        assertThat(err()).isEmpty();
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
        assertThat(federation.calls("getSigninToken")).isEqualTo(1);
    }

    @Test
    void longTermKeysGoThroughGetFederationTokenOnce() throws Exception {
        assertThat(run("console", "-p", "alice", "--stdout", "--duration", "2h", "--destination", "https://console.aws.amazon.com/iam/",
                "--federation-url", federation.endpoint().toString())).isZero();

        assertThat(sts.calls("GetFederationToken")).isEqualTo(1);
        assertThat(FederationEndpoint.followSignIn(URI.create(out().strip()))).isEqualTo("https://console.aws.amazon.com/iam/");
    }

    @Test
    void withoutADesktopItAsksForStdoutAndShowsNoUrl() {
        assertThat(run("console", "-p", "admin", "--federation-url", federation.endpoint().toString())).isEqualTo(ExitCodes.NO_CREDENTIALS);

        assertThat(out()).isEmpty();
        assertThat(err()).contains("DISPLAY", "--stdout").doesNotContain("SigninToken");
    }

    @Test
    void withADesktopXdgOpenGetsAOneTimeLoopbackUrlThatRedirectsOnceToTheSignInUrl() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path args = home.resolve("args");
        Path first = home.resolve("first");
        Path second = home.resolve("second");
        Path xdgOpen = bin.resolve("xdg-open");
        // A browser: follows the URL it was given; then someone who read it from `ps` tries it too.
        Files.writeString(xdgOpen, "#!/bin/sh\nprintf '%s' \"$*\" > '" + args + "'\n"
                + "curl -s -o /dev/null -w '%{http_code} %{redirect_url}' \"$1\" > '" + first + "'\n"
                + "curl -s -o /dev/null -w '%{http_code}' \"$1\" > '" + second + "'\n");
        Files.setPosixFilePermissions(xdgOpen, PosixFilePermissions.fromString("rwx------"));
        env.put("DISPLAY", ":0");
        env.put("PATH", bin + ":/usr/bin:/bin");

        assertThat(run("console", "-p", "admin", "--federation-url", federation.endpoint().toString())).isZero();

        assertThat(out()).isEmpty();
        assertThat(err()).contains("Opened the AWS console for profile admin").doesNotContain("SigninToken");
        String given = Files.readString(args);
        assertThat(given).matches("http://127\\.0\\.0\\.1:\\d+/[A-Za-z0-9_-]{43}").doesNotContain("SigninToken", "signin");
        String[] firstVisit = Files.readString(first).split(" ", 2);
        assertThat(firstVisit[0]).isEqualTo("302");
        assertThat(firstVisit[1]).contains("Action=login", "SigninToken=");
        assertThat(FederationEndpoint.followSignIn(URI.create(firstVisit[1]))).startsWith("https://eu-central-1.console.aws.amazon.com/");
        // stscreds never waits for the opener itself: wait here for the script's second try to finish. By then
        // the one-time address answers 410, or is closed already (curl's 000): either way it redirects no more.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (!Files.exists(second) || Files.size(second) == 0) Thread.sleep(20);
        });
        assertThat(Files.readString(second)).as("used once").isIn("410", "000");
    }

    @Test
    void aOneTimeRedirectAnswersOnlyItsOwnPathAndOnlyOnce() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try (OneTimeRedirect redirect = OneTimeRedirect.to(URI.create("https://signin.example/federation?SigninToken=secret"))) {
            URI url = redirect.url();
            URI wrong = URI.create("http://127.0.0.1:" + url.getPort() + "/" + "A".repeat(43));
            assertThat(http.send(HttpRequest.newBuilder(wrong).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            assertThat(redirect.awaitUsed(Duration.ZERO)).isFalse();

            HttpResponse<String> once = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(once.statusCode()).isEqualTo(302);
            assertThat(once.headers().firstValue("Location")).contains("https://signin.example/federation?SigninToken=secret");
            assertThat(once.headers().firstValue("Cache-Control")).contains("no-store");
            assertThat(redirect.awaitUsed(Duration.ZERO)).isTrue();
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(again.body()).doesNotContain("secret");
        }
    }

    @Test
    void theOwnerOfALoopbackPeerIsReadFromTheKernelsTable() throws Exception {
        assertThat(LoopbackPeers.address(new byte[] {127, 0, 0, 1}, 8080)).isEqualTo("0100007F:1F90");
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"));
             java.net.Socket client = new java.net.Socket("127.0.0.1", listener.getLocalPort());
             java.net.Socket accepted = listener.accept()) {
            org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "skipped: no /proc/net/tcp here");
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            assertThat(LoopbackPeers.ownerOf(accepted)).hasValue(self);
            assertThat(LoopbackPeers.sameUser(accepted)).isTrue();
        }
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertThat(run("console", "-p", "admin", "--stdout", "--duration", "soon")).isEqualTo(ExitCodes.USAGE);
        assertThat(err()).contains("soon", "12h");
        assertThat(run("console", "-p", "admin", "--stdout", "--duration", "13h", "--federation-url", federation.endpoint().toString()))
                .isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err()).contains("900 to 43200");
        assertThat(sts.calls()).isZero();
    }

    @Test
    void aRefusingEndpointIsReportedWithoutSecrets() {
        federation.faults().next(1, Fault.status(500));

        assertThat(run("console", "-p", "admin", "--stdout", "--federation-url", federation.endpoint().toString()))
                .isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(out()).isEmpty();
        assertThat(err()).contains("getSigninToken at " + federation.endpoint(), "HTTP 500")
                .doesNotContain(key.secretAccessKey(), "sessionKey");
    }
}
