package dev.stscreds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.CredentialsException;
import dev.stscreds.cli.render.Style;
import dev.stscreds.config.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Colour only on a terminal, never with NO_COLOR or TERM=dumb. */
class TerminalTest {
    private static Terminal detect(Map<String, String> properties, Map<String, String> env) {
        return Terminal.detect(Settings.of(properties, env, Path.of("/nonexistent-home")));
    }

    private static final Map<String, String> BOTH_TTY = Map.of(Terminal.STDOUT_PROPERTY, "true", Terminal.STDERR_PROPERTY, "true");

    @Test
    void theLaunchersAnswersDecide() {
        Terminal t = detect(Map.of(Terminal.STDOUT_PROPERTY, "false", Terminal.STDERR_PROPERTY, "true"), Map.of());
        assertThat(t.stdoutIsTty()).isFalse();
        assertThat(t.stderrIsTty()).isTrue();
        assertThat(t.colourOnStdout()).isFalse();
        assertThat(t.colourOnStderr()).isTrue();
    }

    @Test
    void noColorTurnsColourOffButNotTheTerminal() {
        Terminal t = detect(BOTH_TTY, Map.of("NO_COLOR", "1"));
        assertThat(t.colourOnStdout()).isFalse();
        assertThat(t.colourOnStderr()).isFalse();
        assertThat(t.stderrIsTty()).as("the progress line still shows").isTrue();
    }

    @Test
    void anEmptyNoColorIsIgnoredAsTheConventionSays() {
        assertThat(detect(BOTH_TTY, Map.of("NO_COLOR", "")).colourOnStdout()).isTrue();
    }

    @Test
    void aDumbTerminalGetsNoColour() {
        assertThat(detect(BOTH_TTY, Map.of("TERM", "dumb")).colourOnStdout()).isFalse();
    }

    @Test
    void errorsAreColouredOnlyWhenAllowed() {
        CredentialsException e = new CredentialsException("profile dev has no keys", "run stscreds init -p dev");
        assertThat(ErrorReport.describe(e, Style.COLOUR)).contains("\u001b[31m").contains("profile dev has no keys");
        assertThat(ErrorReport.describe(e, Style.PLAIN)).isEqualTo("stscreds: profile dev has no keys\n  hint: run stscreds init -p dev");
    }

    @Test
    void commandsRunWithNoColourWhenNothingIsATerminal() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", "/nonexistent-home");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = StscredsCommand.run(new String[] {"read", "aws_access_key_id", "-p", "nobody"},
                Settings.of(Map.of(), env, Path.of("/nonexistent-home")), java.time.Clock.systemUTC(),
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(code).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString()).startsWith("stscreds: ").doesNotContain("\u001b[");
    }

    @Test
    void aColourTerminalColoursTheErrorAndShowsNoProgressForAnExchangeThatNeverHappened() {
        Map<String, String> env = Map.of("HOME", "/nonexistent-home", "AWS_EC2_METADATA_DISABLED", "true");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = StscredsCommand.run(new String[] {"read", "aws_access_key_id", "-p", "nobody"},
                Settings.of(Map.of(), env, Path.of("/nonexistent-home")), java.time.Clock.systemUTC(),
                new Terminal(true, true, true), new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertThat(code).isEqualTo(ExitCodes.NO_CREDENTIALS);
        assertThat(err.toString()).startsWith("\u001b[31m").doesNotContain("waiting for");
    }
}
