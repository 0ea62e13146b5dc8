package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file stscreds reads, replaced by a FIFO or a link to {@code /dev/zero}: each command answers at once
 * with one line naming the file (and a hint), never hangs, never runs out of memory, never shows a stack trace.
 */
class HostileFilesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    /** Only a guard against a hang: every case answers at once. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("STSCREDS_HOME", home.resolve(".stscreds").toString());
        env.put("STSCREDS_VAULT", "file");
        env.put("STSCREDS_VAULT_PASSPHRASE", "correct horse battery staple");
    }

    private int run(String... args) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> StscredsCommand.run(args, Settings.of(Map.of(), env, home), CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Puts a FIFO or a link to /dev/zero at {@code file}. */
    private Path hostile(String kind, Path file) throws Exception {
        Files.createDirectories(file.getParent());
        if (kind.equals("fifo")) {
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "mkfifo is not installed: no FIFO to test with");
            assertThat(new ProcessBuilder("/usr/bin/mkfifo", file.toString()).start().waitFor()).isZero();
        } else {
            assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
            Files.createSymbolicLink(file, Path.of("/dev/zero"));
        }
        return file;
    }

    private void assertOneLineErrorNaming(int code, Path file) {
        assertThat(code).as(err()).isNotZero();
        String[] lines = err().split("\n");
        assertThat(lines[0]).startsWith("stscreds: ").contains(file.toString()).contains("not a regular file");
        assertThat(lines).as("the message and at most a hint").hasSizeLessThanOrEqualTo(2);
        assertThat(err()).doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "zero"})
    void configFile(String kind) throws Exception {
        Path config = hostile(kind, home.resolve(".aws/config"));
        assertOneLineErrorNaming(run("credential-process", "-p", "dev"), config);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "zero"})
    void credentialsFile(String kind) throws Exception {
        Path credentials = hostile(kind, home.resolve(".aws/credentials"));
        assertOneLineErrorNaming(run("env", "-p", "dev"), credentials);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "zero"})
    void vaultFile(String kind) throws Exception {
        Path vault = hostile(kind, home.resolve(".stscreds/vault"));
        assertOneLineErrorNaming(run("list"), vault);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "zero"})
    void webIdentityTokenFile(String kind) throws Exception {
        Path token = hostile(kind, home.resolve("token"));
        Files.writeString(home.resolve(".aws/config"), "[profile web]\nrole_arn = arn:aws:iam::123456789012:role/web\n"
                + "web_identity_token_file = " + token + "\n");
        assertOneLineErrorNaming(run("credential-process", "-p", "web"), token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "zero"})
    void containerAuthorizationTokenFile(String kind) throws Exception {
        Path token = hostile(kind, home.resolve("container-token"));
        Files.writeString(home.resolve(".aws/config"), "[profile box]\ncredential_source = EcsContainer\n"
                + "role_arn = arn:aws:iam::123456789012:role/box\n");
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:9/creds");
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token.toString());
        assertOneLineErrorNaming(run("credential-process", "-p", "box"), token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "zero"})
    void ssoTokenCacheFile(String kind) throws Exception {
        Files.writeString(home.resolve(".aws/config"), "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\n"
                + "sso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n");
        Path cached = hostile(kind, home.resolve(".aws/sso/cache/" + dev.stscreds.cache.Sha1.hex("corp") + ".json"));
        assertOneLineErrorNaming(run("credential-process", "-p", "sso"), cached);
    }

    @Test
    void aRoleSessionCacheFileThatIsAFifoIsSkippedWithAWarning() throws Exception {
        // The AWS CLI's cache is only a shortcut: a broken entry is ignored (with a warning), as botocore does.
        Files.writeString(home.resolve(".aws/config"), "[profile base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = secretsecretsecret\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\n"
                + "source_profile = base\nrole_session_name = jon\n");
        String key = dev.stscreds.cache.CliCacheKey.forAssumeRole("arn:aws:iam::123456789012:role/Admin", "jon", null, null, null, null);
        hostile("fifo", home.resolve(".aws/cli/cache/" + key + ".json"));
        // No STS answers on port 9: the command must get that far, past the cache, and fail there.
        int code = run("credential-process", "-p", "admin", "--endpoint-url", "http://127.0.0.1:9");
        assertThat(code).isNotZero();
        assertThat(err()).contains("127.0.0.1:9").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifo", "zero"})
    void caBundle(String kind) throws Exception {
        Path bundle = hostile(kind, home.resolve("ca.pem"));
        Files.writeString(home.resolve(".aws/config"), "[profile base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = secretsecretsecret\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\n"
                + "source_profile = base\n");
        env.put("AWS_CA_BUNDLE", bundle.toString());
        env.put("AWS_ENDPOINT_URL_STS", "https://127.0.0.1:9");
        assertOneLineErrorNaming(run("credential-process", "-p", "admin"), bundle);
    }
}
