package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import java.util.Optional;

/**
 * The rule shared by the system-properties and environment sources: an access key id and a secret
 * come together or not at all. Messages name the settings, never their values.
 */
final class KeyPair {
    private KeyPair() {}

    /**
     * A builder holding the pair, or an error: {@link CredentialsNotConfiguredException} when neither
     * is set (a chain moves on), {@link CredentialsException} naming the missing one when only one is.
     *
     * @param where where the names were looked up, e.g. {@code "the environment"}
     */
    static Credentials.Builder require(
            Optional<String> accessKeyId, String accessKeyIdName,
            Optional<String> secretAccessKey, String secretAccessKeyName,
            String where) {
        if (accessKeyId.isEmpty() && secretAccessKey.isEmpty()) {
            throw new CredentialsNotConfiguredException(
                    "no credentials in " + where + ": " + accessKeyIdName + " and " + secretAccessKeyName + " are not set");
        }
        String hint = "set both " + accessKeyIdName + " and " + secretAccessKeyName + ", or neither";
        if (secretAccessKey.isEmpty()) {
            throw new CredentialsException(
                    secretAccessKeyName + " is not set in " + where + ", but " + accessKeyIdName + " is", hint);
        }
        if (accessKeyId.isEmpty()) {
            throw new CredentialsException(
                    accessKeyIdName + " is not set in " + where + ", but " + secretAccessKeyName + " is", hint);
        }
        return Credentials.builder().accessKeyId(accessKeyId.get()).secretAccessKey(secretAccessKey.get());
    }
}
