package dev.stscreds.testkit.sso;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local IAM Identity Center knows: registered clients, pending device authorizations,
 * tokens handed out, and the accounts and roles the user is assigned. One lock; every operation is short.
 */
final class SsoDirectory {
    /** A client of the OIDC API, from RegisterClient. */
    record Client(String clientId, String clientSecret, List<String> scopes, Instant expiresAt, List<String> grantTypes,
                  List<String> redirectUris, String issuerUrl) {
        Client(String clientId, String clientSecret, List<String> scopes, Instant expiresAt) {
            this(clientId, clientSecret, scopes, expiresAt, List.of(), List.of(), null);
        }

        @Override
        public String toString() {
            return "Client[" + clientId + ", secret=***, expiresAt=" + expiresAt + "]";
        }
    }

    enum GrantStatus { PENDING, APPROVED, DENIED, USED }

    /** A StartDeviceAuthorization waiting for the user (the test) to approve or deny its user code. */
    static final class DeviceGrant {
        final String deviceCode;
        final String userCode;
        final String clientId;
        final String startUrl;
        final Instant expiresAt;
        GrantStatus status = GrantStatus.PENDING;
        Instant lastPoll;

        DeviceGrant(String deviceCode, String userCode, String clientId, String startUrl, Instant expiresAt) {
            this.deviceCode = deviceCode;
            this.userCode = userCode;
            this.clientId = clientId;
            this.startUrl = startUrl;
            this.expiresAt = expiresAt;
        }
    }

    /** A code the authorization page handed the browser: for one client, redirect URI and PKCE challenge, once. */
    record AuthCode(String clientId, String redirectUri, String challenge, Instant expiresAt) {}

    private final Map<String, AuthCode> authCodes = new HashMap<>();

    synchronized void addAuthCode(String code, AuthCode c) {
        authCodes.put(code, c);
    }

    /** The code's grant, removed: a code buys one token, whatever the outcome. */
    synchronized Optional<AuthCode> takeAuthCode(String code) {
        return Optional.ofNullable(authCodes.remove(code));
    }

    /** An access token and, if one came with it, its refresh token. */
    record Token(String accessToken, String refreshToken, String clientId, Instant expiresAt) {}

    record AccountEntry(String accountId, String name, String email, List<String> roles) {}

    private final Map<String, Client> clients = new HashMap<>();
    private final Map<String, DeviceGrant> grantsByDeviceCode = new HashMap<>();
    private final Map<String, Token> tokensByAccessToken = new HashMap<>();
    private final Map<String, Token> tokensByRefreshToken = new HashMap<>();
    private final Map<String, AccountEntry> accounts = new LinkedHashMap<>();

    synchronized void clear() {
        authCodes.clear();
        clients.clear();
        grantsByDeviceCode.clear();
        tokensByAccessToken.clear();
        tokensByRefreshToken.clear();
        accounts.clear();
    }

    synchronized void addClient(Client c) {
        clients.put(c.clientId(), c);
    }

    synchronized Optional<Client> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    synchronized void addGrant(DeviceGrant g) {
        grantsByDeviceCode.put(g.deviceCode, g);
    }

    synchronized Optional<DeviceGrant> grant(String deviceCode) {
        return Optional.ofNullable(grantsByDeviceCode.get(deviceCode));
    }

    /** Sets the status of the pending grant with this user code; false when there is none pending. */
    synchronized boolean decide(String userCode, GrantStatus status) {
        for (DeviceGrant g : grantsByDeviceCode.values()) {
            if (g.userCode.equals(userCode) && g.status == GrantStatus.PENDING) {
                g.status = status;
                return true;
            }
        }
        return false;
    }

    synchronized List<String> pendingUserCodes() {
        List<String> codes = new ArrayList<>();
        for (DeviceGrant g : grantsByDeviceCode.values()) {
            if (g.status == GrantStatus.PENDING) codes.add(g.userCode);
        }
        return codes;
    }

    /** Records a poll of the grant; true when it came sooner than {@code interval} after the previous one. */
    synchronized boolean pollTooSoon(DeviceGrant g, Instant now, java.time.Duration interval) {
        boolean tooSoon = g.lastPoll != null && now.isBefore(g.lastPoll.plus(interval));
        g.lastPoll = now;
        return tooSoon;
    }

    /** Marks an approved grant used, so a device code buys one token only; false when it was not approved. */
    synchronized boolean use(DeviceGrant g) {
        if (g.status != GrantStatus.APPROVED) return false;
        g.status = GrantStatus.USED;
        return true;
    }

    synchronized void addToken(Token t) {
        tokensByAccessToken.put(t.accessToken(), t);
        if (t.refreshToken() != null) tokensByRefreshToken.put(t.refreshToken(), t);
    }

    synchronized Optional<Token> token(String accessToken) {
        return Optional.ofNullable(tokensByAccessToken.get(accessToken));
    }

    /** Takes a refresh token out (each is good once, as AWS rotates them). */
    synchronized Optional<Token> takeRefreshToken(String refreshToken) {
        return Optional.ofNullable(tokensByRefreshToken.remove(refreshToken));
    }

    synchronized void revoke(String accessToken) {
        Token t = tokensByAccessToken.remove(accessToken);
        if (t != null && t.refreshToken() != null) tokensByRefreshToken.remove(t.refreshToken());
    }

    /** Sets every token to expire at {@code when}. */
    synchronized void expireAll(Instant when) {
        tokensByAccessToken.replaceAll((k, t) -> new Token(t.accessToken(), t.refreshToken(), t.clientId(), when));
        tokensByRefreshToken.replaceAll((k, t) -> new Token(t.accessToken(), t.refreshToken(), t.clientId(), when));
    }

    synchronized void revokeAll() {
        tokensByAccessToken.clear();
        tokensByRefreshToken.clear();
    }

    synchronized void addAccount(String accountId, String name, String email) {
        if (accounts.containsKey(accountId)) throw new IllegalStateException("account " + accountId + " already exists");
        accounts.put(accountId, new AccountEntry(accountId, name, email, new ArrayList<>()));
    }

    synchronized void addRole(String accountId, String roleName) {
        AccountEntry a = accounts.get(accountId);
        if (a == null) throw new IllegalArgumentException("no account " + accountId + "; add it first");
        if (!a.roles().contains(roleName)) a.roles().add(roleName);
    }

    synchronized List<AccountEntry> accounts() {
        List<AccountEntry> copy = new ArrayList<>();
        for (AccountEntry a : accounts.values()) {
            copy.add(new AccountEntry(a.accountId(), a.name(), a.email(), List.copyOf(a.roles())));
        }
        return copy;
    }

    synchronized Optional<AccountEntry> account(String accountId) {
        AccountEntry a = accounts.get(accountId);
        return a == null ? Optional.empty()
                : Optional.of(new AccountEntry(a.accountId(), a.name(), a.email(), List.copyOf(a.roles())));
    }
}
