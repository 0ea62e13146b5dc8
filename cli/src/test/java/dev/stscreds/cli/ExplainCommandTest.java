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

class ExplainCommandTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path home;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        Files.writeString(home.resolve(".aws/credentials"),
                "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = " + SECRET + "\n"
                        + "[dev]\naws_access_key_id = AKIAI44QH8DHBEXAMPLE\naws_secret_access_key = " + SECRET + "\n");
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
    void explainsTheDefaultChainWithTheProfileFromAwsProfile() {
        env.put("AWS_PROFILE", "dev");
        int code = run("explain");
        assertThat(code).isZero();
        assertThat(out()).contains("profile dev", "configured", "AKIA…MPLE", "credentials:5").doesNotContain(SECRET);
    }

    @Test
    void fipsAndDualStackAreShownWhenInEffect() {
        run("explain", "--profile", "dev");
        assertThat(out()).doesNotContain("Settings in effect");
        env.put("AWS_USE_FIPS_ENDPOINT", "true");
        env.put("AWS_USE_DUALSTACK_ENDPOINT", "true");
        env.put("AWS_REGION", "us-east-1");
        out.reset();
        assertThat(run("explain", "--profile", "dev")).isZero();
        assertThat(out()).contains("Settings in effect:", "FIPS endpoints: on (AWS_USE_FIPS_ENDPOINT)",
                "dual-stack endpoints: on (AWS_USE_DUALSTACK_ENDPOINT)", "STS endpoint: https://sts-fips.us-east-1.api.aws/");
    }

    @Test
    void jsonListsEveryKeyWithFileAndLineAndMasksSecrets() {
        int code = run("explain", "--profile", "dev", "--json");
        assertThat(code).isZero();
        assertThat(out())
                .contains("\"key\" : \"aws_secret_access_key\"", "\"value\" : \"****\"")
                .contains("\"location\" : \"" + home.resolve(".aws/config") + ":2\"")
                .doesNotContain(SECRET)
                .doesNotContain("AKIAI44QH8DHBEXAMPLE");
    }

    @Test
    void resolveReportsTheCredentialsFound() {
        int code = run("explain", "-p", "dev", "--resolve");
        assertThat(code).isZero();
        assertThat(out()).contains("Credentials: long-term AKIA…MPLE", "do not expire");
    }

    @Test
    void aMissingProfileExitsWithOneAndSaysWhatToDo() {
        int code = run("explain", "--profile", "nope");
        assertThat(code).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(out()).contains("profile nope is not in", "hint:");
    }

    @Test
    void helpHasAnExample() {
        assertThat(run("explain", "--help")).isZero();
        assertThat(out()).contains("Examples:", "stscreds explain --profile dev --resolve");
    }

    @Test
    void versionNamesTheProgram() {
        assertThat(run("--version")).isZero();
        assertThat(out()).startsWith("stscreds ");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("explain", "--bogus")).isEqualTo(ExitCodes.USAGE);
    }
}
