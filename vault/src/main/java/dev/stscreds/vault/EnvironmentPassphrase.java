package dev.stscreds.vault;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.Settings;

/**
 * The passphrase from STSCREDS_VAULT_PASSPHRASE, for scripts and CI.
 *
 * <p>Read from the raw environment map rather than through {@code Settings.environmentVariable},
 * which trims: a passphrase with a leading or trailing space typed at a prompt must still open the
 * vault when given through the variable.
 */
final class EnvironmentPassphrase implements PassphraseSource {
    private final Settings settings;

    EnvironmentPassphrase(Settings settings) {
        this.settings = settings;
    }

    static boolean isSet(Settings settings) {
        String value = settings.environment().get(ENVIRONMENT_VARIABLE);
        return value != null && !value.isEmpty();
    }

    @Override
    public char[] passphrase(String purpose) {
        if (!isSet(settings)) {
            throw new CredentialsException(purpose + ": " + ENVIRONMENT_VARIABLE + " is not set",
                    "set " + ENVIRONMENT_VARIABLE + " to the vault passphrase, or run in a terminal to be asked");
        }
        return settings.environment().get(ENVIRONMENT_VARIABLE).toCharArray();
    }

    @Override
    public String toString() {
        return "passphrase from " + ENVIRONMENT_VARIABLE;
    }
}
