package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.saml.LocalSamlIdp;
import dev.stscreds.testkit.sts.LocalSts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamlLoginCommandTest {
    private static final Pattern HIDDEN = Pattern.compile("name=\"SAMLResponse\" value=\"([^\"]+)\"");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    private LocalSts sts;
    private LocalSamlIdp idp;
    private String dev;
    private String ops;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;
    @TempDir
    Path home;

    @BeforeEach
    void start() throws Exception {
        sts = new LocalSts().clock(clock).start();
        idp = new LocalSamlIdp().clock(clock).start();
        String provider = sts.createSamlProvider("corp", idp.certificate());
        String trust = """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRoleWithSAML", "Principal": {"Federated": "%s"}}]}"""
                .formatted(provider);
        dev = sts.createRole("Dev", trust, Duration.ofHours(12));
        ops = sts.createRole("Ops", trust, Duration.ofHours(12));
        idp.addUser("alice", "s3cret pw", List.of(dev + "," + provider));
        idp.addUser("bob", "pw", List.of(dev + "," + provider, ops + "," + provider));
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), """
                [profile corp]
                saml_idp_url = %s
                region = eu-west-1
                """.formatted(idp.signInUrl()));
    }

    @AfterEach
    void stop() {
        idp.close();
        sts.close();
    }

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        Settings settings = Settings.of(Map.of(), Map.of("HOME", home.toString(), "AWS_ENDPOINT_URL_STS", sts.endpoint().toString()), home);
        return StscredsCommand.run(args, settings, clock, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** What a browser does at the IdP: POST the sign-in form, read the SAMLResponse of the auto-submit page. */
    private Path signInAtIdp(String user, String password) throws Exception {
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(idp.signInUrl())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = HIDDEN.matcher(page.body());
        assertThat(m.find()).as("the IdP's answer posts a SAMLResponse").isTrue();
        return Files.writeString(home.resolve(user + ".b64"), m.group(1));
    }

    private String text(ByteArrayOutputStream s) {
        return s.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aSignInAtTheIdpGivesASessionThatEveryCommandUses() throws Exception {
        assertThat(run("credential-process", "--profile", "corp")).isNotZero();
        assertThat(text(err)).contains("stscreds saml login -p corp");

        Path assertion = signInAtIdp("alice", "s3cret pw");
        assertThat(run("saml", "login", "-p", "corp", "--saml-assertion-file", assertion.toString())).as(text(err)).isZero();
        assertThat(text(err)).contains("Signed in to " + dev);
        String saml = Files.readString(assertion);
        assertThat(text(out) + text(err)).doesNotContain(saml.substring(0, 40));
        assertThat(sts.calls("AssumeRoleWithSAML")).isEqualTo(1);

        assertThat(run("credential-process", "--profile", "corp")).as(text(err)).isZero();
        assertThat(text(out)).contains("\"AccessKeyId\"", "\"Version\":1");
        assertThat(run("env", "--profile", "corp")).as(text(err)).isZero();
        assertThat(text(out)).contains("AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN");
        assertThat(run("whoami", "--profile", "corp")).as(text(err)).isZero();
        assertThat(text(out)).contains("assumed-role/Dev/alice");
        assertThat(run("explain", "--profile", "corp")).as(text(err)).isZero();
        assertThat(text(out)).contains("SAML");
        assertThat(sts.calls("AssumeRoleWithSAML")).isEqualTo(1);
        List<String> cache = new ArrayList<>();
        try (var files = Files.list(home.resolve(".aws/cli/cache"))) {
            files.forEach(f -> cache.add(readQuietly(f)));
        }
        assertThat(String.join("", cache)).doesNotContain(saml.substring(0, 40));
    }

    @Test
    void anExpiredAssertionIsRefusedBeforeAnyCallAndAChangedByteByTheSts() throws Exception {
        Path assertion = signInAtIdp("alice", "s3cret pw");
        clock.advance(Duration.ofMinutes(10));
        assertThat(run("saml", "login", "-p", "corp", "--saml-assertion-file", assertion.toString())).isNotZero();
        assertThat(text(err)).contains("check \"not expired\" failed");
        assertThat(sts.calls("AssumeRoleWithSAML")).isZero();

        String xml = new String(Base64.getDecoder().decode(Files.readString(signInAtIdp("alice", "s3cret pw"))), StandardCharsets.UTF_8);
        int at = xml.indexOf(">alice<") + 1;
        Path changed = Files.writeString(home.resolve("changed.b64"), Base64.getEncoder().encodeToString(
                (xml.substring(0, at) + "b" + xml.substring(at + 1)).getBytes(StandardCharsets.UTF_8)));
        assertThat(run("saml", "login", "-p", "corp", "--saml-assertion-file", changed.toString())).isNotZero();
        assertThat(text(err)).contains("InvalidIdentityToken");
        assertThat(sts.calls("AssumeRoleWithSAML")).isEqualTo(1);
    }

    @Test
    void severalRolesWithoutATerminalListThemAll() throws Exception {
        Path assertion = signInAtIdp("bob", "pw");
        assertThat(run("saml", "login", "-p", "corp", "--saml-assertion-file", assertion.toString())).isNotZero();
        assertThat(text(err)).contains("offers 2 roles", dev, ops, "role_arn");
        assertThat(sts.calls("AssumeRoleWithSAML")).isZero();
    }

    private static String readQuietly(Path f) {
        try {
            return Files.readString(f);
        } catch (Exception e) {
            return "";
        }
    }
}
