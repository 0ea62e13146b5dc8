package dev.stscreds.resolve;

import dev.stscreds.CredentialsNotConfiguredException;

/**
 * The profile exists but holds no way to get credentials (only {@code region}, say). The default
 * chain skips it and asks the container and instance metadata next, as botocore does; asked for
 * by name, it is an error.
 */
public final class ProfileHasNoCredentialsException extends CredentialsNotConfiguredException {
    public ProfileHasNoCredentialsException(String message, String hint) {
        super(message, hint);
    }
}
