package dev.stscreds.sso;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;

/**
 * The credentials of an IAM Identity Center role (GetRoleCredentials with the session's cached
 * token). No caching here: wrap it in {@code RefreshingCredentialsProvider}.
 */
final class SsoCredentialsProvider implements CredentialsProvider {
    private final SsoSession session;
    private final PortalClient portal;
    private final String accountId;
    private final String roleName;
    private final String profileName;

    SsoCredentialsProvider(SsoSession session, PortalClient portal, String accountId, String roleName, String profileName) {
        this.session = session;
        this.portal = portal;
        this.accountId = accountId;
        this.roleName = roleName;
        this.profileName = profileName;
    }

    @Override
    public Credentials resolve() {
        String token;
        try {
            token = session.accessToken();
        } catch (CredentialsException e) {
            throw new CredentialsException("profile " + profileName + ": " + e.getMessage(), e.hint().orElse(null), e);
        }
        try {
            Credentials c = session.reachable(session.config().portalEndpoint(),
                    () -> portal.roleCredentials(token, accountId, roleName));
            return c.withSource(c.source() + " (profile " + profileName + ")");
        } catch (SsoServiceException e) {
            if (e.status() == 401) {
                throw new CredentialsException("profile " + profileName + ": IAM Identity Center did not accept the token for "
                        + session.config().describe() + " (it expired or was signed out)",
                        "log in again with `" + session.config().loginCommand() + "`", e);
            }
            throw new CredentialsException("profile " + profileName + ": " + e.getMessage(), e.hint().orElse(null), e);
        } catch (CredentialsException e) {
            throw new CredentialsException("profile " + profileName + ": " + e.getMessage(), e.hint().orElse(null), e);
        }
    }

    @Override
    public String name() {
        return "profile " + profileName;
    }
}
