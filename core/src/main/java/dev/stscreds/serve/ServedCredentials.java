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
            return ServerResponse.error(500, "LongTermKeysNotServed", provider.name() + " gives long-term keys, which are"
                    + " never served; serve a role profile, or put an MFA session in the profile with `stscreds auth`");
        }
        return ServerResponse.json(200, document.apply(c));
    }
}
