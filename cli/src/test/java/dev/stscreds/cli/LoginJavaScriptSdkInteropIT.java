package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.signin.LoginTokenCache;
import dev.stscreds.testkit.signin.LocalSignin;
import dev.stscreds.testkit.sts.LocalSts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS SDK for JavaScript v3's own login provider ({@code @aws-sdk/credential-provider-login}, pinned
 * in {@code src/test/js/login-interop/package-lock.json} and installed with {@code npm ci}) and stscreds
 * share one sign-in session: the SDK resolves and renews, against the testkit's sign-in service, a session
 * {@code bin/stscreds login} created (its SEC1 key, its file layout), and stscreds then resolves the
 * session the SDK renewed and wrote in its own layout. Skipped, with the reason, without node and npm.
 */
class LoginJavaScriptSdkInteropIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "stscreds").toAbsolutePath().normalize();
    private static final Path BROWSERS = Path.of("src", "test", "resources", "browsers").toAbsolutePath();
    private static final Path PROJECT = Path.of("src", "test", "js", "login-interop").toAbsolutePath();
    private static final Path INSTALLED = Path.of("target", "login-interop").toAbsolutePath();

    @TempDir
    Path home;

    private LocalSts sts;
    private LocalSignin signin;

    record Result(int code, String out, String err) {}

    @BeforeEach
    void world() throws Exception {
        assumeTrue(onPath("node") && onPath("npm"), "skipped: node and npm are not installed (.ci/run installs them)");
        installSdk();
        sts = new LocalSts().start();
        sts.createRole("Admin", "{\"Statement\": []}");
        signin = new LocalSignin(sts).start();
    }

    @AfterEach
    void stop() {
        if (signin != null) signin.close();
        if (sts != null) sts.close();
    }

    private static synchronized void installSdk() throws Exception {
        Files.createDirectories(INSTALLED);
        for (String f : List.of("package.json", "package-lock.json", "resolve.js")) {
            Files.copy(PROJECT.resolve(f), INSTALLED.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(INSTALLED.resolve("node_modules/@aws-sdk/credential-provider-login"))) return;
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(INSTALLED.toFile())
                .redirectErrorStream(true).redirectOutput(INSTALLED.resolve("npm-ci.log").toFile()).start();
        boolean done = npm.waitFor(300, TimeUnit.SECONDS);
        assumeTrue(done && npm.exitValue() == 0, () -> "skipped: `npm ci` could not install the pinned SDK (see "
                + INSTALLED.resolve("npm-ci.log") + "; is the npm registry reachable?)");
    }

    private Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("DISPLAY") || k.equals("WAYLAND_DISPLAY"));
        pb.environment().putAll(Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_ENDPOINT_URL_SIGNIN", signin.endpoint().toString(), "AWS_ENDPOINT_URL_STS", sts.endpoint().toString(),
                "NO_PROXY", "127.0.0.1", "BROWSER", BROWSERS.resolve("follow.sh").toString()));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result stscreds(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    private Result javaScriptSdk() throws Exception {
        return run(List.of("node", INSTALLED.resolve("resolve.js").toString(), "dev", signin.endpoint().toString()));
    }

    @Test
    void theJavaScriptSdkRenewsASessionStscredsCreatedAndStscredsUsesWhatItWrote() throws Exception {
        signin.credentialLifetime(Duration.ofMinutes(2)); // under the SDK's 5-minute threshold: it must renew
        Result login = stscreds("login", "--profile", "dev");
        assertThat(login.code()).as(login.err()).isZero();
        Path cached = home.resolve(".aws/login/cache/" + LoginTokenCache.key(LocalSignin.DEFAULT_IDENTITY) + ".json");
        String written = Files.readString(cached);

        signin.credentialLifetime(Duration.ofMinutes(15));
        Result js = javaScriptSdk();
        assertThat(js.code()).as(js.err()).isZero();
        assertThat(signin.refreshes()).as("the SDK renewed with stscreds' DPoP key").isEqualTo(1);
        String jsKey = js.out().replaceAll("(?s).*\"accessKeyId\":\"([A-Z0-9]+)\".*", "$1");
        assertThat(written).doesNotContain(jsKey);
        assertThat(js.out()).contains("\"accountId\":\"123456789012\"");
        String renewed = Files.readString(cached);
        assertThat(renewed).contains("\n  \"accessToken\": {").contains(jsKey); // the SDK's own layout

        Result process = stscreds("credential-process", "--profile", "dev");
        assertThat(process.code()).as(process.err()).isZero();
        assertThat(process.out()).containsPattern("\"AccessKeyId\" ?: ?\"" + jsKey + "\"");
        assertThat(signin.refreshes()).as("15 minutes left: no renewal").isEqualTo(1);

        Result who = stscreds("whoami", "--profile", "dev");
        assertThat(who.out()).contains("assumed-role/Admin/alice");
    }

    @Test
    void stscredsRenewsASessionTheJavaScriptSdkWroteAndTheSdkReadsTheRenewal() throws Exception {
        signin.credentialLifetime(Duration.ofMinutes(2));
        assertThat(stscreds("login", "--profile", "dev").code()).isZero();
        assertThat(javaScriptSdk().code()).isZero(); // renews (2 min left) and writes its layout
        assertThat(signin.refreshes()).isEqualTo(1);

        Result process = stscreds("credential-process", "--profile", "dev"); // 2 min left again: stscreds renews
        assertThat(process.code()).as(process.err()).isZero();
        assertThat(signin.refreshes()).isEqualTo(2);
        String stscredsKey = process.out().replaceAll("(?s).*\"AccessKeyId\" ?: ?\"([A-Z0-9]+)\".*", "$1");

        signin.credentialLifetime(Duration.ofMinutes(15));
        Result js = javaScriptSdk(); // 2 min left: renews with the refresh token stscreds wrote back
        assertThat(js.code()).as(js.err()).isZero();
        assertThat(signin.refreshes()).isEqualTo(3);
        assertThat(js.out()).doesNotContain(stscredsKey);
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) return true;
        }
        return false;
    }
}
