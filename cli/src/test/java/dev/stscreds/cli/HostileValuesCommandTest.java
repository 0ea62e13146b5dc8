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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values made to run commands when stscreds' output is evaluated, each given to the real command
 * where it would enter (a profile file, a credential_process answer), and the output, if any,
 * evaluated by the shell it is meant for. Nothing may run; the refusal names the field and where
 * it came from, never the value.
 */
class HostileValuesCommandTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final String KEYS = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
            + "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n";

    @TempDir
    Path home;
    @TempDir
    Path shellDir;

    private final Map<String, String> env = new HashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void home() throws Exception {
        Files.createDirectories(home.resolve(".aws"));
        env.put("HOME", home.toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    private int run(String... args) {
        return StscredsCommand.run(args, Settings.of(Map.of(), env, home), CLOCK,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Feeds stscreds' output to a shell in an empty folder; true when the shell left no file there. */
    private boolean evaluatedWithoutTrace(List<String> shell) throws Exception {
        Assumptions.assumeTrue(onPath(shell.get(0)), () -> skip(shell.get(0) + " is not on PATH"));
        Path input = Files.write(home.resolve("output.txt"), out.toByteArray());
        Process p = new ProcessBuilder(shell).directory(shellDir.toFile()).redirectInput(input.toFile())
                .redirectErrorStream(true).redirectOutput(home.resolve("shell.txt").toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        try (var files = Files.list(shellDir)) {
            return files.findAny().isEmpty();
        }
    }

    @Test
    void aRegionCannotEndFishsQuoteAndRunACommand() throws Exception {
        Files.writeString(home.resolve(".aws/credentials"), "[dev]\n" + KEYS);
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\nregion = eu-west-1\\'; touch pwned; echo \\'\n");

        int code = run("env", "-p", "dev", "--format", "fish");

        assertThat(evaluatedWithoutTrace(List.of("fish", "--no-config", "-c", "source"))).as("nothing ran").isTrue();
        assertThat(code).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err()).contains("region of profile dev (" + home.resolve(".aws/config") + ":2) is not a region name")
                .doesNotContain("touch");
    }

    @Test
    void aSessionTokenCannotRunACommandThroughEval() throws Exception {
        Files.writeString(home.resolve(".aws/credentials"), "[dev]\n" + KEYS + "aws_session_token = x$(touch pwned)`touch pwned2`\n");

        int code = run("env", "-p", "dev");

        assertThat(evaluatedWithoutTrace(List.of("bash", "-c", "eval \"$(cat)\""))).as("nothing ran").isTrue();
        assertThat(code).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err()).contains("the session token from profile dev", "holds a character no session token has")
                .doesNotContain("touch");
    }

    @Test
    void aSessionTokenCannotRunACommandThroughWordSplitting() throws Exception {
        Files.writeString(home.resolve(".aws/credentials"), "[dev]\n" + KEYS + "aws_session_token = x touch pwned\n");

        int code = run("env", "-p", "dev");

        assertThat(evaluatedWithoutTrace(List.of("sh", "-c", "env $(cat) true"))).as("nothing ran").isTrue();
        assertThat(code).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err()).contains("the session token from profile dev").doesNotContain("touch");
    }

    @Test
    void aLineBreakFromACredentialProcessCannotAddALineToAnIniSection() throws Exception {
        Path answer = Files.writeString(home.resolve("answer.json"), "{\"Version\": 1, \"AccessKeyId\": \"ASIAIOSFODNN7EXAMPLE\","
                + " \"SecretAccessKey\": \"s\", \"SessionToken\": \"t\\ncredential_process = touch pwned\"}");
        Files.writeString(home.resolve(".aws/config"), "[profile dev]\ncredential_process = cat " + answer + "\n");

        int code = run("env", "-p", "dev", "--format", "ini");

        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("credential_process");
        assertThat(code).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err()).contains("the session token from credential_process in profile dev").doesNotContain("touch");
    }

    @Test
    void aUnicodeQuoteCannotEndAPowerShellString() throws Exception {
        Files.writeString(home.resolve(".aws/credentials"), "[dev]\n" + KEYS
                + "aws_session_token = x\u2019; New-Item pwned; \u2019\n");

        int code = run("env", "-p", "dev", "--format", "powershell");

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).as("no PowerShell string ends early").doesNotContain("x\u2019; New-Item");
        assertThat(code).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err()).contains("the session token from profile dev").doesNotContain("New-Item");
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) return true;
        }
        return false;
    }

    private static String skip(String reason) {
        System.out.println("skipped: " + reason);
        return reason;
    }
}
