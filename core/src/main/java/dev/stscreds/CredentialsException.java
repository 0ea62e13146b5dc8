package dev.stscreds;

import java.util.Optional;

/**
 * A failure a user can meet: what failed and where (the message), and what to do next (the hint).
 *
 * <p>Messages and hints never contain a secret.
 */
public class CredentialsException extends RuntimeException {
    private final String hint;

    public CredentialsException(String message) {
        this(message, null, null);
    }

    public CredentialsException(String message, String hint) {
        this(message, hint, null);
    }

    public CredentialsException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What the user can do about it, if there is something to say. */
    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** The message followed by the hint, for people. */
    public String describe() {
        return hint == null ? getMessage() : getMessage() + "\n  hint: " + hint;
    }
}
