package dev.stscreds.prompt;

import dev.stscreds.CredentialsException;

/**
 * An answer from the user was needed and nobody can be asked: no terminal and no dialog, or
 * {@code STSCREDS_PROMPT=none} / {@code --no-input}. Raised at once, so a caller (an IDE, a
 * {@code credential_process} runner) never hangs; the CLI exits with its own code.
 */
public final class InputNeededException extends CredentialsException {
    public InputNeededException(String message, String hint) {
        super(message, hint);
    }
}
