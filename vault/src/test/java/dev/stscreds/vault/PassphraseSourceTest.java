package dev.stscreds.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassphraseSourceTest {
    @TempDir
    Path temp;

    private Settings settings(Map<String, String> env) {
        return Settings.of(Map.of(), env, temp);
    }

    @Test
    void environmentGivesTheVariableUntrimmed() {
        PassphraseSource source = PassphraseSource.environment(
                settings(Map.of("STSCREDS_VAULT_PASSPHRASE", " spaced passphrase ")));
        assertThat(source.passphrase("Passphrase for the vault x")).containsExactly(" spaced passphrase ".toCharArray());
        assertThat(source.toString()).doesNotContain("spaced");
    }

    @Test
    void anUnsetVariableSaysWhatToSet() {
        PassphraseSource source = PassphraseSource.environment(settings(Map.of()));
        assertThatThrownBy(() -> source.passphrase("Passphrase for the vault /v"))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("Passphrase for the vault /v: STSCREDS_VAULT_PASSPHRASE is not set");
    }

    @Test
    void standardPrefersTheVariable() {
        assertThat(PassphraseSource.standard(settings(Map.of("STSCREDS_VAULT_PASSPHRASE", "p"))))
                .isInstanceOf(EnvironmentPassphrase.class);
        // without it, the way of asking that Prompts picks; "none" refuses at once, naming what was needed
        assertThatThrownBy(() -> PassphraseSource.standard(settings(Map.of("STSCREDS_PROMPT", "none")))
                .passphrase("Passphrase for the vault /v"))
                .isInstanceOf(dev.stscreds.prompt.InputNeededException.class)
                .hasMessageContaining("Passphrase for the vault /v").hasMessageContaining("STSCREDS_PROMPT is none");
    }

    @Test
    void withoutConsoleOrTerminalTheErrorPointsToTheVariable() {
        TerminalPassphrase source = new TerminalPassphrase(null, temp.resolve("no-such-tty"));
        CredentialsException e = catchThrowableOfType(CredentialsException.class,
                () -> source.passphrase("Passphrase for the vault /v"));
        assertThat(e).hasMessageStartingWith("Passphrase for the vault /v: cannot ask on " + temp.resolve("no-such-tty"));
        assertThat(e.hint()).get().asString().contains("set STSCREDS_VAULT_PASSPHRASE");
    }

    @Test
    void aTerminalWhoseEchoCannotBeTurnedOffIsNotUsed() throws Exception {
        Path notATerminal = temp.resolve("plain-file");
        Files.writeString(notATerminal, "typed passphrase\n");
        TerminalPassphrase source = new TerminalPassphrase(null, notATerminal);
        assertThatThrownBy(() -> source.passphrase("Passphrase for the vault /v"))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("could not turn off echo")
                .hasMessageNotContaining("typed passphrase");
    }
}
