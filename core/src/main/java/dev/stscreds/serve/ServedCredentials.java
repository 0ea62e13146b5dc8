package dev.stscreds.serve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import java.util.function.Function;

/**
 * Gets the credentials to hand out, or the error answer that says why there are none. Long-term
 * keys never leave the process: a served credential is always a session that expires.
 */
final class ServedCredentials {
    private ServedCredentials() {}

    /**
     * Resolves once and fails as a client would: for a server to refuse to start rather than serve errors.
     *
     * @throws CredentialsException when there are no credentials, or only long-term keys
     */
    static void requireSession(CredentialsProvider provider) {
        Credentials c = provider.resolve();
        if (c.sessionToken().isEmpty() || c.expiration().isEmpty()) throw longTermKeys(provider);
    }

    private static CredentialsException longTermKeys(CredentialsProvider provider) {
        return new CredentialsException(provider.name() + " gives long-term keys, which are never served",
                "serve a role profile, or put an MFA session into the profile with `stscreds auth`");
    }

    static ServerResponse answer(CredentialsProvider provider, Function<Credentials, String> document) {
        Credentials c;
        try {
            c = provider.resolve();
        } catch (CredentialsException e) {
            String message = e.getMessage() + e.hint().map(h -> " (" + h + ")").orElse("");
            return ServerResponse.error(500, "CredentialsUnavailable", message);
        } catch (RuntimeException e) {
            // Never a stack trace or a message that might hold more than we know: the type is enough.
            return ServerResponse.error(500, "InternalError", "getting credentials failed (" + e.getClass().getSimpleName() + ")");
        }
        if (c.sessionToken().isEmpty() || c.expiration().isEmpty()) {
            CredentialsException e = longTermKeys(provider);
            return ServerResponse.error(500, "LongTermKeysNotServed", e.getMessage() + " (" + e.hint().orElseThrow() + ")");
        }
        return ServerResponse.json(200, document.apply(c));
    }
}
