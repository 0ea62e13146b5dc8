package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.signin.DpopKey;
import dev.stscreds.signin.LoginTokenCache;
import dev.stscreds.testkit.signin.LocalSignin;
import dev.stscreds.testkit.sso.LocalSso;
import dev.stscreds.testkit.sts.LocalSts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both browser sign-ins through the packaged {@code bin/stscreds}, with a scripted browser set as
 * {@code BROWSER} that does what a user's browser does (curl following the sign-in page back to the
 * command's loopback redirect): {@code stscreds login} against the testkit's sign-in service and
 * {@code stscreds sso login} (authorization code with PKCE) against its IAM Identity Center; a
 * refused sign-in, a replayed redirect, an ended session and a session proved with the wrong key.
 */
class SignInLauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "stscreds").toAbsolutePath().normalize();
    private static final Path BROWSERS = Path.of("src", "test", "resources", "browsers").toAbsolutePath();

    @TempDir
    Path home;

    private LocalSts sts;
    private LocalSignin signin;
    private LocalSso sso;
    private Path browserLog;

    @BeforeEach
    void world() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "curl"))), "skipped: the scripted browser needs curl");
        sts = new LocalSts().start();
        sts.createRole("Admin", "{\"Statement\": []}");
        signin = new LocalSignin(sts).start();
        sso = new LocalSso(sts).start();
        sso.addAccount("123456789012", "dev", "dev@example.com").addRole("123456789012", "ReadOnly");
        browserLog = home.resolve("browser.log");
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/config"), """
                # kept as it is
                [profile corp-ro]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = ReadOnly

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                sso_registration_scopes = sso:account:access
                """);
    }

    @AfterEach
    void stop() {
        sso.close();
        signin.close();
        sts.close();
    }

    record Result(int code, String out, String err) {}

    private Result run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("DISPLAY") || k.equals("WAYLAND_DISPLAY")
                || k.equals("BROWSER") || k.equals("WSL_DISTRO_NAME"));
        Map<String, String> env = new HashMap<>(Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_ENDPOINT_URL_SIGNIN", signin.endpoint().toString(), "AWS_ENDPOINT_URL_STS", sts.endpoint().toString(),
                "AWS_ENDPOINT_URL_SSO", sso.endpoint().toString(), "AWS_ENDPOINT_URL_SSO_OIDC", sso.endpoint().toString(),
                "NO_PROXY", "127.0.0.1", "BROWSER_LOG", browserLog.toString()));
        env.putAll(extraEnv);
        pb.environment().putAll(env);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Map<String, String> browser(String script) {
        return Map.of("BROWSER", BROWSERS.resolve(script).toString());
    }

    private String config() throws IOException {
        return Files.readString(home.resolve(".aws/config"));
    }

    @Test
    void loginSignsInInTheBrowserWritesTheProfileAndEveryCommandUsesTheSession() throws Exception {
        Result login = run(browser("follow.sh"), "login", "--profile", "dev");

        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.err()).contains(signin.endpoint() + "/v1/authorize?response_type=code&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fsame-device")
                .contains("code_challenge_method=SHA-256").doesNotContain("code_verifier");
        assertThat(login.out()).contains("Signed in as arn:aws:sts::123456789012:assumed-role/Admin/alice; profile dev");
        assertThat(Files.readString(browserLog)).matches("http://127\\.0\\.0\\.1:\\d+/oauth/callback\\?code=.*&state=.*\\n");
        assertThat(config()).startsWith("# kept as it is\n[profile corp-ro]\n")
                .endsWith("[profile dev]\nlogin_session = arn:aws:sts::123456789012:assumed-role/Admin/alice\nregion = us-east-1\n");
        Path cached = home.resolve(".aws/login/cache/" + LoginTokenCache.key("arn:aws:sts::123456789012:assumed-role/Admin/alice") + ".json");
        assertThat(Files.readString(cached)).startsWith("{\"accessToken\": {\"accessKeyId\": \"ASIA");

        Result who = run(Map.of(), "whoami", "--profile", "dev");
        assertThat(who.code()).as(who.err()).isZero();
        assertThat(who.out()).contains("arn:aws:sts::123456789012:assumed-role/Admin/alice");

        Result explain = run(Map.of(), "explain", "--profile", "dev");
        assertThat(explain.out()).contains("sign-in session arn:aws:sts::123456789012:assumed-role/Admin/alice; cache " + cached).contains("more 15-minute renewals");
        assertThat(signin.calls("CreateOAuth2Token")).isEqualTo(1);
    }

    @Test
    void aRefusedSignInChangesNothing() throws Exception {
        signin.denySignIns(true);
        Result login = run(browser("follow.sh"), "login", "--profile", "dev");

        assertThat(login.code()).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(login.err()).contains("the sign-in was refused in the browser (access_denied").contains("stscreds login --profile dev");
        assertThat(config()).doesNotContain("[profile dev]");
        assertThat(home.resolve(".aws/login/cache")).doesNotExist();
    }

    @Test
    void aReplayedRedirectFromAnEarlierSignInIsRefused() throws Exception {
        assertThat(run(browser("follow.sh"), "login", "--profile", "first").code()).isZero();
        String before = config();

        Result replayed = run(Map.of("BROWSER", BROWSERS.resolve("replay.sh").toString(), "BROWSER_REPLAY", browserLog.toString()),
                "login", "--profile", "second");

        assertThat(replayed.code()).as(replayed.out()).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(replayed.err()).contains("its state does not match").contains("nothing was saved");
        assertThat(config()).isEqualTo(before);
        assertThat(signin.calls("CreateOAuth2Token")).isEqualTo(1);
    }

    @Test
    void anEndedSessionAndAWrongKeySayToSignInAgain() throws Exception {
        signin.credentialLifetime(Duration.ofMinutes(2)); // every command renews
        assertThat(run(browser("follow.sh"), "login", "--profile", "dev").code()).isZero();
        Result renewed = run(Map.of(), "env", "--profile", "dev");
        assertThat(renewed.code()).as(renewed.err()).isZero();
        assertThat(signin.refreshes()).isEqualTo(1);

        Path cached = home.resolve(".aws/login/cache/" + LoginTokenCache.key(LocalSignin.DEFAULT_IDENTITY) + ".json");
        String good = Files.readString(cached);
        String otherKey = DpopKey.generate(new SecureRandom()).toPem().replace("\n", "\\\\n");
        Files.writeString(cached, good.replaceAll("\"dpopKey\": \"[^\"]*\"", "\"dpopKey\": \"" + otherKey + "\""));
        Result wrongKey = run(Map.of(), "env", "--profile", "dev");
        assertThat(wrongKey.code()).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(wrongKey.err()).contains("profile dev").contains("not the key this refresh token is bound to")
                .contains("stscreds login --profile dev");

        Files.writeString(cached, good);
        signin.expireSessions();
        Result ended = run(Map.of(), "credential-process", "--profile", "dev");
        assertThat(ended.code()).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(ended.err()).contains("TOKEN_EXPIRED").contains("sign in again with `stscreds login --profile dev`");
    }

    @Test
    void ssoLoginUsesTheAuthorizationCodeWithPkceWhenABrowserOpens() throws Exception {
        Result login = run(browser("follow.sh"), "sso", "login", "--sso-session", "corp");

        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.err()).contains(sso.endpoint() + "/authorize?response_type=code&client_id=")
                .contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A").contains("code_challenge_method=S256")
                .contains("scopes=sso%3Aaccount%3Aaccess");
        assertThat(sso.calls("StartDeviceAuthorization")).isZero();
        assertThat(sso.calls("Authorize")).isEqualTo(1);
        Path token = home.resolve(".aws/sso/cache/" + dev.stscreds.sso.SsoTokenCache.key(java.util.Optional.of("corp"), "") + ".json");
        assertThat(Files.readString(token)).contains("\"startUrl\":\"https://corp.awsapps.com/start\"").contains("\"refreshToken\"");

        Result who = run(Map.of(), "whoami", "--profile", "corp-ro");
        assertThat(who.code()).as(who.err()).isZero();
        assertThat(who.out()).contains("assumed-role/ReadOnly/alice");
    }

    @Test
    void ssoLoginRefusedInTheBrowserOrReplayedFails() throws Exception {
        sso.denyAuthorizations(true);
        Result denied = run(browser("follow.sh"), "sso", "login", "--sso-session", "corp");
        assertThat(denied.code()).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(denied.err()).contains("refused in the browser").contains("stscreds sso login --sso-session corp");

        sso.denyAuthorizations(false);
        assertThat(run(browser("follow.sh"), "sso", "login", "--sso-session", "corp").code()).isZero();
        Result replayed = run(Map.of("BROWSER", BROWSERS.resolve("replay.sh").toString(), "BROWSER_REPLAY", browserLog.toString()),
                "sso", "login", "--sso-session", "corp");
        assertThat(replayed.code()).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(replayed.err()).contains("its state does not match");
    }

    @Test
    void withoutABrowserOrWithUseDeviceCodeSsoLoginUsesTheDeviceCode() throws Exception {
        sso.autoApprove(true);
        Result noBrowser = run(Map.of("SSH_CONNECTION", "10.0.0.1 50000 10.0.0.2 22"), "sso", "login", "--sso-session", "corp");
        assertThat(noBrowser.code()).as(noBrowser.err()).isZero();
        assertThat(noBrowser.err()).contains("No browser can be opened here").contains("/device?user_code=");

        Result asked = run(browser("follow.sh"), "sso", "login", "--sso-session", "corp", "--use-device-code");
        assertThat(asked.code()).as(asked.err()).isZero();
        assertThat(asked.err()).contains("/device?user_code=");
        assertThat(sso.calls("Authorize")).isZero();
        assertThat(sso.calls("StartDeviceAuthorization")).isEqualTo(2);
    }
}
