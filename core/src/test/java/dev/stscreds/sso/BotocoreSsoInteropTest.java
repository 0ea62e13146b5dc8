package dev.stscreds.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.config.Settings;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.resolve.SsoConfigs;
import dev.stscreds.testkit.sso.LocalSso;
import dev.stscreds.testkit.sts.LocalSts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * botocore and the AWS CLI share IAM Identity Center logins with stscreds through {@code ~/.aws/sso/cache}:
 * botocore's own token loader reads a token stscreds wrote, the AWS CLI resolves an SSO profile with it
 * against the testkit's IAM Identity Center and STS, and stscreds reads a token botocore wrote.
 * Skipped when the pyenv Python with botocore (and the aws command) is not installed.
 */
class BotocoreSsoInteropTest {
    private static final Path SHIMS = Path.of(System.getProperty("user.home"), ".pyenv", "shims");

    @TempDir
    Path home;

    // The AWS CLI runs on the real time, so the local endpoints do too; nothing here waits for it.
    private final Clock clock = Clock.systemUTC();
    private LocalSts sts;
    private LocalSso sso;
    private Map<String, String> env;

    @BeforeEach
    void world() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(SHIMS.resolve("python")) && run(List.of(SHIMS.resolve("python").toString(), "-c",
                "import botocore"), Map.of()).code() == 0, "no pyenv Python with botocore here: interop test skipped");
        sts = new LocalSts().clock(clock).start();
        sso = new LocalSso(sts).clock(clock).autoApprove(true).start();
        sso.addAccount("123456789012", "dev", "dev@example.com").addRole("123456789012", "ReadOnly");
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile dev]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = ReadOnly
                region = eu-west-1

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                """);
        env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", aws.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", aws.resolve("credentials").toString());
        env.put("AWS_ENDPOINT_URL_SSO", sso.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SSO_OIDC", sso.endpoint().toString());
        env.put("AWS_ENDPOINT_URL_STS", sts.endpoint().toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    @AfterEach
    void stop() {
        if (sso != null) sso.close();
        if (sts != null) sts.close();
    }

    private Settings settings() {
        return Settings.of(Map.of(), env, home);
    }

    private SsoToken login() {
        return new SsoSession(SsoConfigs.forSession(settings(), "corp"), SsoTokenCache.forSettings(settings()), clock)
                .login(a -> {}, d -> { throw new AssertionError("approved at once: no wait expected"); });
    }

    @Test
    void botocoresTokenLoaderReadsTheTokenStscredsWrote() throws Exception {
        SsoToken token = login();

        Run r = run(List.of(SHIMS.resolve("python").toString(), "-c", """
                import os, botocore.utils as u
                cache = u.JSONFileCache(os.path.expanduser('~/.aws/sso/cache'))
                t = u.SSOTokenLoader(cache)('https://corp.awsapps.com/start', session_name='corp')
                print(t['accessToken'] == os.environ['EXPECTED'], t['expiresAt'], t['clientId'] == os.environ['CLIENT'], 'refreshToken' in t)
                """), Map.of("EXPECTED", token.accessToken(), "CLIENT", token.clientId().orElseThrow()));

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("True " + token.expiresAt().truncatedTo(ChronoUnit.SECONDS) + " True True");
    }

    @Test
    void theAwsCliResolvesAnSsoProfileWithTheTokenStscredsWrote() throws Exception {
        assumeTrue(Files.isExecutable(SHIMS.resolve("aws")), "no aws command in pyenv: skipped");
        login();

        Run r = run(List.of(SHIMS.resolve("aws").toString(), "sts", "get-caller-identity", "--profile", "dev", "--output", "text",
                "--query", "Arn"), Map.of());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("arn:aws:sts::123456789012:assumed-role/ReadOnly/alice");
        assertThat(sso.calls("GetRoleCredentials")).isEqualTo(1);
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(1);
    }

    @Test
    void stscredsReadsATokenBotocoreWrote() throws Exception {
        SsoToken ours = login();
        // Five minutes left: botocore renews the token with its refresh token and writes the cache itself.
        SsoTokenCache cache = SsoTokenCache.forSettings(settings());
        cache.write(SsoTokenCache.key(Optional.of("corp"), ""), new SsoToken(ours.startUrl(), ours.region(), ours.accessToken(),
                Instant.now().plusSeconds(300), ours.clientId(), ours.clientSecret(), ours.registrationExpiresAt(), ours.refreshToken()));
        Run r = run(List.of(SHIMS.resolve("python").toString(), "-c", """
                import botocore.session, botocore.tokens as t
                s = botocore.session.Session(profile='dev')
                tok = t.SSOTokenProvider(s).load_token().get_frozen_token()
                print(tok.token)
                """), Map.of());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(sso.calls("CreateToken")).as("our login, botocore's renewal").isEqualTo(2);

        SsoToken written = cache.read(SsoTokenCache.key(Optional.of("corp"), "")).orElseThrow();
        assertThat(written.accessToken()).isEqualTo(r.out().trim()).isNotEqualTo(ours.accessToken());
        assertThat(written.refreshToken()).isPresent().isNotEqualTo(ours.refreshToken());
        assertThat(written.expiresAt()).isAfter(Instant.now().plusSeconds(7 * 3600));
        var credentials = new ProfileCredentialsProvider(settings(), "dev", clock).resolve();
        assertThat(credentials.accessKeyId()).startsWith("ASIA");
    }

    record Run(int code, String out, String err) {}

    private Run run(List<String> command, Map<String, String> extra) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
        if (env != null) pb.environment().putAll(env);
        pb.environment().putAll(extra);
        pb.environment().put("AWS_PAGER", "");
        pb.environment().put("NO_PROXY", "127.0.0.1");
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command.get(0) + " did not finish within 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
