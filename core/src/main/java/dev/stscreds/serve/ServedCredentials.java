package dev.stscreds.serve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Gets the credentials to hand out, or the error answer that says why there are none. Long-term
 * keys never leave the process: a served credential is always a session.
 *
 * <p>A session whose expiry is unknown (a profile with {@code aws_session_token} but no
 * {@code expiration}) is served, since AWS ends it whatever happens here; each copy is handed out
 * as expiring {@link #UNKNOWN_EXPIRY_SERVED_FOR} after the request, so that clients come back to
 * the server rather than keep it for ever.
 */
final class ServedCredentials {
    /** How long a copy of a session without a known expiry is said to last. */
    static final Duration UNKNOWN_EXPIRY_SERVED_FOR = Duration.ofMinutes(15);

    private ServedCredentials() {}

    /**
     * Resolves once and fails as a client would: for a server to refuse to start rather than serve errors.
     *
     * @return a warning to show when the session's expiry is unknown
     * @throws CredentialsException when there are no credentials, or only long-term keys
     */
    static Optional<String> requireSession(CredentialsProvider provider) {
        Credentials c = provider.resolve();
        if (c.sessionToken().isEmpty()) throw longTermKeys(provider);
        if (c.expiration().isEmpty()) return Optional.of(unknownExpiry(provider));
        return Optional.empty();
    }

    private static CredentialsException longTermKeys(CredentialsProvider provider) {
        return new CredentialsException(provider.name() + " gives long-term keys (no session token), which are never served",
                "serve a role profile, or put an MFA session into the profile with `stscreds auth`");
    }

    static String unknownExpiry(CredentialsProvider provider) {
        return provider.name() + " gives session credentials with no known expiry (a session token but no expiration):"
                + " served as lasting " + UNKNOWN_EXPIRY_SERVED_FOR.toMinutes() + " minutes from each request, so clients"
                + " come back; when AWS stops accepting the session, put a new one in the profile with `stscreds auth`";
    }

    static ServerResponse answer(CredentialsProvider provider, Clock clock, Function<Credentials, String> document) {
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
        if (c.sessionToken().isEmpty()) {
            CredentialsException e = longTermKeys(provider);
            return ServerResponse.error(500, "LongTermKeysNotServed", e.getMessage() + " (" + e.hint().orElseThrow() + ")");
        }
        if (c.expiration().isEmpty()) c = c.toBuilder().expiration(clock.instant().plus(UNKNOWN_EXPIRY_SERVED_FOR)).build();
        return ServerResponse.json(200, document.apply(c));
    }
}
