package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** read, env/export and credential-process over a profile, in process. */
class CredentialCommandsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEJr//////////wEa+token=";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"), "[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                + "aws_secret_access_key = " + SECRET + "\naws_session_token = " + TOKEN + "\n");
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\nregion = eu-west-1\n");
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    private int run(String... args) {
        return StscredsCommand.run(args, Settings.of(Map.of(), env, home), CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readPrintsOneValue() {
        assertThat(run("read", "aws_secret_access_key", "--profile", "dev")).isZero();
        assertThat(out()).isEqualTo(SECRET + "\n");
    }

    @Test
    void readTakesTheProfileFromAwsProfile() {
        env.put("AWS_PROFILE", "dev");
        assertThat(run("read", "aws_access_key_id")).isZero();
        assertThat(out()).isEqualTo("AKIAIOSFODNN7EXAMPLE\n");
    }

    @Test
    void readRefusesAnUnknownKey() {
        assertThat(run("read", "password", "-p", "dev")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("aws_access_key_id");
    }

    @Test
    void exportPrintsExportLinesAsTheAwsCliDoes() {
        assertThat(run("export", "-p", "dev")).isZero();
        assertThat(out()).contains("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n",
                "export AWS_SESSION_TOKEN=" + TOKEN + "\n", "export AWS_REGION=eu-west-1\n");
        out.reset();
        assertThat(run("env", "-p", "dev", "--format", "env")).isZero();
        assertThat(out()).startsWith("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n");
    }

    @Test
    void envFormats() {
        assertThat(run("env", "-p", "dev")).isZero();
        assertThat(out()).contains("AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n", "AWS_DEFAULT_REGION=eu-west-1\n");
        out.reset();
        assertThat(run("env", "-p", "dev", "--format", "powershell")).isZero();
        assertThat(out()).contains("$Env:AWS_SESSION_TOKEN=\"" + TOKEN + "\"\n");
        out.reset();
        assertThat(run("env", "-p", "dev", "--format", "windows-cmd")).isZero();
        assertThat(out()).contains("set AWS_SESSION_TOKEN=" + TOKEN + "\n");
        out.reset();
        assertThat(run("env", "-p", "dev", "--format", "env-no-export")).isZero();
        assertThat(out()).contains("AWS_SESSION_TOKEN=" + TOKEN + "\n").doesNotContain("export");
        out.reset();
        assertThat(run("env", "-p", "dev", "--format", "process")).isZero();
        assertThat(out()).startsWith("{\"Version\":1,\"AccessKeyId\":\"AKIAIOSFODNN7EXAMPLE\"");
        out.reset();
        assertThat(run("env", "-p", "dev", "--format", "json")).isZero();
        assertThat(out()).contains("\"AWS_SECRET_ACCESS_KEY\":\"" + SECRET + "\"");
        out.reset();
        assertThat(run("env", "-p", "dev", "--format", "ini")).isZero();
        assertThat(out()).startsWith("[dev]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n");
        assertThat(run("env", "-p", "dev", "--format", "yaml")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("use one of process, env, env-no-export, fish, powershell, windows-cmd, json, ini");
    }

    @Test
    void credentialProcessPrintsVersionOne() {
        assertThat(run("credential-process", "--profile", "dev")).isZero();
        assertThat(out()).isEqualTo("{\"Version\":1,\"AccessKeyId\":\"AKIAIOSFODNN7EXAMPLE\",\"SecretAccessKey\":\""
                + SECRET + "\",\"SessionToken\":\"" + TOKEN + "\"}\n");
    }

    @Test
    void theProfilesAccountIdGoesWithStaticKeysAndStandsInForAProcessThatGivesNone() throws Exception {
        Path output = Files.writeString(home.resolve("out.json"), "{\"Version\": 1, \"AccessKeyId\": \"ASIAEXAMPLEEXAMPLE\","
                + " \"SecretAccessKey\": \"" + SECRET + "\", \"SessionToken\": \"t\"}");
        // The account id goes with keys from the same file, as botocore reads it.
        Files.writeString(home.resolve(".aws/credentials"), Files.readString(home.resolve(".aws/credentials"))
                + "aws_account_id = 111122223333\n");
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\nregion = eu-west-1\naws_account_id = 999999999999\n"
                + "[profile proc]\ncredential_process = cat " + output + "\nAWS_ACCOUNT_ID = 444455556666\n");

        assertThat(run("credential-process", "--profile", "dev")).isZero();
        assertThat(out()).contains("\"AccountId\":\"111122223333\"");
        out.reset();
        assertThat(run("credential-process", "--profile", "proc")).isZero();
        assertThat(out()).contains("\"AccountId\":\"444455556666\"");
        out.reset();
        assertThat(run("explain", "-p", "proc", "--resolve")).isZero();
        assertThat(out()).contains("account 444455556666");
    }

    @Test
    void aProfileWhoseProcessCallsStscredsForItselfDoesNotRecurse() throws Exception {
        Files.writeString(home.resolve(".aws/config"), "[profile loop]\ncredential_process = stscreds credential-process --profile loop\n");
        env.put("STSCREDS_RESOLVING_PROFILES", "other,loop");
        assertThat(run("credential-process", "--profile", "loop")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("asks stscreds for profile loop again");
    }

    @Test
    void errorsNeverShowTheSecret() {
        assertThat(run("read", "aws_access_key_id", "-p", "nope")).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("profile nope").doesNotContain(SECRET);
    }

    @Test
    void completionCoversEveryCommand() {
        assertThat(run("completion")).isZero();
        assertThat(out()).contains("credential-process", "explain", "export", "--mfa-token");
    }

    @Test
    void debugAddsTheStackTraceAndOnlyThen() {
        run("read", "aws_access_key_id", "-p", "nope");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\tat dev.stscreds");
        err.reset();
        run("read", "aws_access_key_id", "-p", "nope", "--debug");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("\tat dev.stscreds");
    }
}
