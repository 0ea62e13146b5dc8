package dev.stscreds.vault;

import dev.stscreds.config.Settings;
import dev.stscreds.prompt.Prompts;
import java.io.Console;
import java.nio.file.Path;

/**
 * Where a vault's passphrase comes from. A backend asks only when it opens, so a command that
 * never needs a long-term key never prompts.
 *
 * <p>The caller owns the returned array and wipes it when done; an implementation returns a fresh
 * array on every call.
 */
@FunctionalInterface
public interface PassphraseSource {

    /** The environment variable that {@link #environment(Settings)} reads. */
    String ENVIRONMENT_VARIABLE = "STSCREDS_VAULT_PASSPHRASE";

    /**
     * The passphrase, fresh array each call.
     *
     * @param purpose what it is for, shown in a prompt, e.g. {@code Passphrase for the vault /home/me/.stscreds/vault}
     * @throws dev.stscreds.CredentialsException when no passphrase can be had (no terminal, variable unset…)
     */
    char[] passphrase(String purpose);

    /** The passphrase from STSCREDS_VAULT_PASSPHRASE; an error saying so when it is unset. */
    static PassphraseSource environment(Settings settings) {
        return new EnvironmentPassphrase(settings);
    }

    /** A prompt on the terminal with echo off: the JVM's console when attached, else {@code /dev/tty}. */
    static PassphraseSource terminal() {
        Console console = System.console();
        return new TerminalPassphrase(console, Path.of("/dev/tty"));
    }

    /**
     * STSCREDS_VAULT_PASSPHRASE when it is set, else the way of asking that {@link Prompts} picks (the
     * terminal, a desktop dialog, {@code pass}…), which fails at once when nobody can be asked.
     */
    static PassphraseSource standard(Settings settings) {
        if (EnvironmentPassphrase.isSet(settings)) return environment(settings);
        Prompts prompts = Prompts.forSettings(settings);
        return prompts::secret;
    }
}
