package dev.stscreds.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each way of asking, with stand-in programs on PATH that record how they were called and answer as
 * the real ones do (the real zenity needs a display, ykman a YubiKey): the choice order, the arguments,
 * the answer read back, a cancelled dialog, and {@code none} failing without running anything.
 */
class PromptsTest {
    private static final String SERIAL = "arn:aws:iam::123456789012:mfa/jon";

    @TempDir
    Path dir;

    private Path bin;
    private Path calls;
    private final Path noTerminal = Path.of("/nonexistent/tty");
    private final List<String> notices = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void standIns() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        calls = dir.resolve("calls.log");
        env.put("PATH", bin + ":/usr/bin:/bin");
        // each stand-in records its arguments, one per line, then answers
        standIn("zenity", "echo 123456");
        standIn("kdialog", "echo 'kde answer'");
        standIn("ykman", "echo 654321");
        standIn("pass", "if [ \"$1\" = otp ]; then echo 112233; else printf 'vault pass\\nsecond line\\n'; fi");
        standIn("osascript", "echo 'mac answer'");
    }

    private void standIn(String name, String answer) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n{ printf '%s\\n' \"${0##*/}\"; for a in \"$@\"; do printf '  %s\\n' \"$a\"; done; } >> '"
                + calls + "'\n"
                + answer + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    }

    private Prompts prompts() {
        return Prompts.forSettings(Settings.of(Map.of(), env, dir), noTerminal, notices::add);
    }

    private String calls() throws IOException {
        return Files.exists(calls) ? Files.readString(calls) : "";
    }

    @Test
    void withoutATerminalADesktopGetsZenityThenKdialog() throws IOException {
        env.put("DISPLAY", ":0");
        assertThat(prompts().driver().name()).isEqualTo("zenity");
        assertThat(prompts().mfaCodes().code(SERIAL, "dev")).isEqualTo("123456");
        assertThat(calls()).isEqualTo("zenity\n  --entry\n  --title=stscreds\n  --text=MFA code for " + SERIAL + " (profile dev)\n");

        Files.delete(bin.resolve("zenity"));
        assertThat(prompts().driver().name()).isEqualTo("kdialog");
        assertThat(new String(prompts().secret("Passphrase for the vault"))).isEqualTo("kde answer");
        assertThat(calls()).endsWith("kdialog\n  --title\n  stscreds\n  --password\n  Passphrase for the vault\n");
    }

    @Test
    void aSecretIsAskedWithHiddenText() throws IOException {
        env.put(Prompts.PROMPT_VARIABLE, "zenity");
        prompts().secret("PIN of the token");
        assertThat(calls()).contains("  --hide-text");
    }

    @Test
    void withNoTerminalAndNoDesktopNothingRunsAndTheErrorSaysWhatToDo() throws IOException {
        assertThat(prompts().driver().name()).isEqualTo("none");
        assertThatThrownBy(() -> prompts().mfaCodes().code(SERIAL, "dev")).isInstanceOf(InputNeededException.class)
                .hasMessageContaining("MFA code for " + SERIAL).hasMessageContaining("no terminal and no desktop dialog")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString().contains("--mfa-token"));
        assertThat(calls()).isEmpty();
    }

    @Test
    void noneAndNoInputFailAtOnceEvenWithADesktop() throws IOException {
        env.put("DISPLAY", ":0");
        env.put(Prompts.PROMPT_VARIABLE, "none");
        assertThatThrownBy(() -> prompts().secret("Passphrase")).isInstanceOf(InputNeededException.class)
                .hasMessageContaining("STSCREDS_PROMPT is none");
        env.remove(Prompts.PROMPT_VARIABLE);
        env.put(Prompts.NO_INPUT_VARIABLE, "true");
        assertThatThrownBy(() -> prompts().mfaCodes().code(SERIAL, "dev")).isInstanceOf(InputNeededException.class)
                .hasMessageContaining("--no-input");
        assertThat(calls()).isEmpty();
    }

    @Test
    void ykmanReadsTheOathAccountNamedAfterTheDeviceAndAsksForATouch() throws IOException {
        env.put(Prompts.PROMPT_VARIABLE, "ykman");
        assertThat(prompts().mfaCodes().code(SERIAL, "dev")).isEqualTo("654321");
        assertThat(calls()).isEqualTo("ykman\n  oath\n  accounts\n  code\n  --single\n  " + SERIAL + "\n");
        assertThat(notices).singleElement().asString().contains("Touch your YubiKey");

        env.put(Prompts.YKMAN_ACCOUNT_VARIABLE, "AWS:jon");
        prompts().mfaCodes().code(SERIAL, "dev");
        assertThat(calls()).endsWith("--single\n  AWS:jon\n");
        assertThatThrownBy(() -> prompts().secret("Passphrase")).isInstanceOf(InputNeededException.class)
                .hasMessageContaining("ykman answers only MFA codes");
    }

    @Test
    void passGivesOtpCodesAndTheFirstLineOfAnEntry() throws IOException {
        env.put(Prompts.PROMPT_VARIABLE, "pass");
        assertThat(prompts().mfaCodes().code(SERIAL, "dev")).isEqualTo("112233");
        assertThat(calls()).isEqualTo("pass\n  otp\n  " + SERIAL + "\n");
        env.put(Prompts.PASS_PASSPHRASE_VARIABLE, "stscreds/vault");
        assertThat(new String(prompts().secret("Passphrase for the vault"))).isEqualTo("vault pass");
        assertThat(calls()).endsWith("pass\n  show\n  stscreds/vault\n");
    }

    @Test
    void aCancelledDialogIsAnErrorNamingIt() throws IOException {
        standIn("zenity", "exit 1");
        env.put(Prompts.PROMPT_VARIABLE, "zenity");
        assertThatThrownBy(() -> prompts().mfaCodes().code(SERIAL, "dev")).isInstanceOf(CredentialsException.class)
                .hasMessageContaining("zenity gave no answer (exit code 1)");
    }

    @Test
    void aMissingProgramAndAnUnknownNameAreNamed() {
        env.put("PATH", dir.resolve("empty").toString());
        env.put(Prompts.PROMPT_VARIABLE, "kdialog");
        assertThatThrownBy(() -> prompts().secret("x")).isInstanceOf(InputNeededException.class)
                .hasMessageContaining("kdialog could not be started");
        env.put(Prompts.PROMPT_VARIABLE, "gui");
        assertThatThrownBy(() -> prompts().driver()).hasMessageContaining("STSCREDS_PROMPT is \"gui\"")
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).get().asString().contains("zenity, kdialog"));
    }

    @Test
    void osascriptGetsTheQuestionQuotedForAppleScript() throws IOException {
        env.put(Prompts.PROMPT_VARIABLE, "osascript");
        prompts().secret("Passphrase for \"the\" vault \\ x");
        assertThat(calls()).contains("display dialog \"Passphrase for \\\"the\\\" vault \\\\ x\" default answer \"\" with hidden answer");
    }
}
