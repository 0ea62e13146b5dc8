package dev.stscreds.signin;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The credentials of a {@code login_session} profile: read from the sign-in session cache, and
 * renewed with the session's refresh token (CreateOAuth2Token with a DPoP proof) when less than
 * 5 minutes are left, as botocore and the JavaScript SDK do, but at most once every 30 seconds. The
 * renewed session is written back under the file's lock, in the AWS CLI's layout. A failed renewal
 * keeps the old credentials while they last, unless the service says the session is over.
 */
public final class LoginCredentialsProvider implements CredentialsProvider {
    /** botocore's {@code _REFRESH_THRESHOLD} and the JavaScript SDK's {@code REFRESH_THRESHOLD}. */
    public static final Duration REFRESH_WINDOW = Duration.ofMinutes(5);
    /** The fewest seconds between two renewals tried by this provider. */
    public static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

    private final String loginSession;
    private final String profile;
    private final LoginTokenCache cache;
    private final Function<LoginToken, SigninClient> clients;
    private final Clock clock;

    private Instant lastAttempt;
    private CredentialsException lastFailure;

    /**
     * @param clients the sign-in service client for a session (its region may come from the session)
     */
    public LoginCredentialsProvider(String loginSession, String profile, LoginTokenCache cache,
                                    Function<LoginToken, SigninClient> clients, Clock clock) {
        this.loginSession = loginSession.trim();
        this.profile = profile;
        this.cache = cache;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public Credentials resolve() {
        LoginToken token = cache.read(loginSession).orElseThrow(() -> new CredentialsException(
                "profile " + profile + " uses login_session " + loginSession + ", but there is no sign-in session in "
                        + cache.file(loginSession), "sign in with `" + LoginCommands.login(profile) + "`"));
        Instant now = clock.instant();
        if (!needsRefresh(token, now)) return credentials(token);
        synchronized (this) {
            if (lastAttempt != null && now.isBefore(lastAttempt.plus(MIN_REFRESH_INTERVAL))) {
                // Renewed or tried moments ago: keep what there is until the 30 s are up.
                if (now.isBefore(token.expiresAt())) return credentials(token);
                if (lastFailure != null) throw lastFailure;
            }
            lastAttempt = now;
            lastFailure = null;
            try {
                LoginToken fresh = cache.update(loginSession, latest -> needsRefresh(latest, now) ? refresh(latest) : latest);
                return credentials(fresh);
            } catch (CredentialsException e) {
                CredentialsException failure = explain(e);
                lastFailure = failure;
                boolean over = e instanceof SigninServiceException s && (s.needsNewSignIn() || s.isClientError());
                if (!over && now.isBefore(token.expiresAt())) return credentials(token);
                throw failure;
            }
        }
    }

    private LoginToken refresh(LoginToken token) {
        String where = cache.file(loginSession).toString();
        SigninTokenGrant grant = clients.apply(token).refresh(token.clientId(), token.refreshToken(), token.dpopKey(where));
        return token.refreshed(grant, clock.instant().plus(grant.expiresIn()));
    }

    private static boolean needsRefresh(LoginToken token, Instant now) {
        return !now.plus(REFRESH_WINDOW).isBefore(token.expiresAt());
    }

    private Credentials credentials(LoginToken token) {
        return token.credentials("profile " + profile + " (sign-in session " + cache.file(loginSession) + ")");
    }

    /** The service's answer, said for this profile, with what to do next. */
    private CredentialsException explain(CredentialsException e) {
        String what = "could not renew the sign-in session of profile " + profile + " (login_session " + loginSession + ")";
        String login = "`" + LoginCommands.login(profile) + "`";
        if (e instanceof SigninServiceException s) {
            String code = s.errorCode().orElse("");
            return switch (code) {
                case "TOKEN_EXPIRED" -> new CredentialsException(what + ": the session has ended (TOKEN_EXPIRED; a sign-in"
                        + " lasts at most 12 hours)", "sign in again with " + login, e);
                case "USER_CREDENTIALS_CHANGED" -> new CredentialsException(what + ": the password or keys of the signed-in"
                        + " identity changed since the sign-in (USER_CREDENTIALS_CHANGED)", "sign in again with " + login, e);
                case "INSUFFICIENT_PERMISSIONS" -> new CredentialsException(what + ": the signed-in identity may not call"
                        + " signin:CreateOAuth2Token (INSUFFICIENT_PERMISSIONS)", "ask an administrator to allow"
                        + " signin:CreateOAuth2Token for it, then sign in again with " + login, e);
                default -> new CredentialsException(what + ": " + e.getMessage(), s.isClientError()
                        ? "the session in " + cache.file(loginSession) + " is not usable any more: sign in again with " + login
                        : e.hint().orElse("sign in again with " + login), e);
            };
        }
        return new CredentialsException(what + ": " + e.getMessage(), e.hint().orElse("sign in again with " + login), e);
    }
}
