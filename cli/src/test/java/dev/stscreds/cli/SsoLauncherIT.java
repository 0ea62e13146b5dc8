package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.testkit.sso.LocalSso;
import dev.stscreds.testkit.sts.LocalSts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole SSO path through the packaged {@code bin/stscreds}: {@code sso login}, then the AWS CLI
 * runs {@code credential_process = bin/stscreds credential-process --profile dev} on an SSO profile
 * and calls GetCallerIdentity with the role credentials. Skipped without the pyenv AWS CLI.
 */
class SsoLauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "stscreds").toAbsolutePath().normalize();
    private static final Path AWS = Path.of(System.getProperty("user.home"), ".pyenv", "shims", "aws");

    @TempDir
    Path home;

    // The AWS CLI signs with the real time: the local endpoints run on it too. Nothing waits for it.
    private final Clock clock = Clock.systemUTC();
    private LocalSts sts;
    private LocalSso sso;

    @BeforeEach
    void world() throws IOException {
        sts = new LocalSts().clock(clock).start();
        sso = new LocalSso(sts).clock(clock).autoApprove(true).start();
        sso.addAccount("123456789012", "dev", "dev@example.com").addRole("123456789012", "ReadOnly");
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile dev]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = ReadOnly

                [profile via-stscreds]
                credential_process = %s credential-process --profile dev
                region = eu-west-1

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = eu-west-1
                """.formatted(LAUNCHER));
    }

    @AfterEach
    void stop() {
        sso.close();
        sts.close();
    }

    record Result(int code, String out, String err) {}

    private Result run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(home.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.equals("DISPLAY") || k.equals("WAYLAND_DISPLAY"));
        pb.environment().putAll(Map.of("HOME", home.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_ENDPOINT_URL_SSO", sso.endpoint().toString(), "AWS_ENDPOINT_URL_SSO_OIDC", sso.endpoint().toString(),
                "AWS_ENDPOINT_URL_STS", sts.endpoint().toString(), "AWS_PAGER", "", "NO_PROXY", "127.0.0.1"));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished in time").isTrue();
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void theAwsCliGetsSsoRoleCredentialsThroughCredentialProcess() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "the AWS CLI is not installed in pyenv here: skipped");
        Result login = run(LAUNCHER.toString(), "sso", "login", "--sso-session", "corp");
        assertThat(login.code()).as(login.err()).isZero();
        assertThat(login.err()).contains("/device?user_code=");

        Result who = run(AWS.toString(), "sts", "get-caller-identity", "--profile", "via-stscreds", "--output", "text", "--query", "Arn");

        assertThat(who.code()).as(who.err()).isZero();
        assertThat(who.out().trim()).isEqualTo("arn:aws:sts::123456789012:assumed-role/ReadOnly/alice");
        assertThat(sso.calls("GetRoleCredentials")).isEqualTo(1);
    }

    @Test
    void withoutALoginTheAwsCliShowsWhichLoginToRun() throws Exception {
        assumeTrue(Files.isExecutable(AWS), "the AWS CLI is not installed in pyenv here: skipped");
        Result who = run(AWS.toString(), "sts", "get-caller-identity", "--profile", "via-stscreds");

        assertThat(who.code()).isNotZero();
        assertThat(who.err()).contains("stscreds sso login --sso-session corp");
    }
}
