package dev.stscreds.sso;

import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.HttpFetchException;
import dev.stscreds.wire.net.Network;
import dev.stscreds.wire.ServiceEndpoints;
import dev.stscreds.oauth.LoopbackRedirect;
import dev.stscreds.oauth.Pkce;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One IAM Identity Center login and its cached token: log in with the device code flow, hand out
 * the access token (renewing it with its refresh token when under 15 minutes are left, as botocore
 * does), list the accounts and roles it reaches, log out.
 */
public final class SsoSession {
    /** botocore's SSOTokenProvider renews a token with less than this left. */
    static final Duration REFRESH_WINDOW = Duration.ofMinutes(15);
    static final String CLIENT_NAME = "stscreds";

    private final SsoSessionConfig config;
    private final SsoTokenCache cache;
    private final Clock clock;
    private final OidcClient oidc;
    private final PortalClient portal;

    public SsoSession(SsoSessionConfig config, SsoTokenCache cache, Clock clock) {
        this(config, cache, clock, RestJson.DEFAULT_HTTP);
    }

    /** A session whose calls go through these proxies and trust settings. */
    public SsoSession(SsoSessionConfig config, SsoTokenCache cache, Clock clock, Network network) {
        this(config, cache, clock, RestJson.DEFAULT_HTTP.withNetwork(network));
    }

    SsoSession(SsoSessionConfig config, SsoTokenCache cache, Clock clock, HttpFetch http) {
        this.config = config;
        this.cache = cache;
        this.clock = clock;
        this.oidc = new OidcClient(http, config.oidcEndpoint().uri(), config.region(), clock);
        this.portal = new PortalClient(http, config.portalEndpoint().uri(), config.region());
    }

    public SsoSessionConfig config() {
        return config;
    }

    /**
     * The device code login: registers a client (or reuses the cached, still valid registration of an
     * sso-session), starts the authorization, shows it to the user, polls until allowed and caches the token.
     *
     * @param showUser called once with the URL and code the user must open and confirm
     */
    public SsoToken login(Consumer<DeviceAuthorization> showUser, Sleeper sleeper) {
        ClientRegistration client = reusableRegistration().orElseGet(() -> reachable(config.oidcEndpoint(),
                () -> oidc.register(CLIENT_NAME + "-" + config.sessionName().orElse("legacy"),
                        config.sessionName().isPresent() ? config.scopes() : List.of())));
        DeviceAuthorization authorization = reachable(config.oidcEndpoint(),
                () -> oidc.startDeviceAuthorization(client, config.startUrl()));
        showUser.accept(authorization);
        TokenGrant grant = reachable(config.oidcEndpoint(), () -> oidc.awaitToken(client, authorization, sleeper));
        SsoToken token = toCache(grant, client);
        cache.write(config.cacheKey(), token);
        return token;
    }

    /**
     * The authorization code login with PKCE (what the AWS CLI v2 does for sso-session profiles): registers
     * a client for the loopback redirect, sends the browser to the authorization page, waits for it to come
     * back to {@code http://127.0.0.1:PORT/oauth/callback} with the code and this login's state, and redeems
     * the code with the PKCE verifier (which is never shown or logged). The token is cached as the device
     * code login caches it.
     *
     * @param openBrowser given the authorization URL: shows it and opens a browser, without waiting for it
     */
    public SsoToken loginWithBrowser(Consumer<URI> openBrowser, Duration timeout, SecureRandom random) {
        Pkce pkce = Pkce.generate(random);
        String state = UUID.randomUUID().toString();
        try (LoopbackRedirect redirect = LoopbackRedirect.open()) {
            ClientRegistration client = reachable(config.oidcEndpoint(), () -> oidc.registerForAuthorizationCode(
                    CLIENT_NAME + "-" + config.sessionName().orElse("legacy"), scopes(),
                    "http://127.0.0.1" + LoopbackRedirect.PATH, config.startUrl()));
            openBrowser.accept(authorizationUri(client, state, pkce, redirect.redirectUri()));
            String code = redirect.await(timeout).codeFor(state, "IAM Identity Center", config.loginCommand());
            TokenGrant grant = reachable(config.oidcEndpoint(), () -> oidc.redeem(client, code, redirect.redirectUri(), pkce.verifier()));
            SsoToken token = toCache(grant, client);
            cache.write(config.cacheKey(), token);
            return token;
        }
    }

    /** {@code OIDC/authorize?response_type=code&client_id&redirect_uri&state&code_challenge_method=S256&scopes&code_challenge}. */
    URI authorizationUri(ClientRegistration client, String state, Pkce pkce, String redirectUri) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", client.clientId());
        q.put("redirect_uri", redirectUri);
        q.put("state", state);
        q.put("code_challenge_method", "S256");
        q.put("scopes", String.join(" ", scopes()));
        q.put("code_challenge", pkce.challenge());
        String base = config.oidcEndpoint().uri().toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        StringBuilder s = new StringBuilder(base).append("/authorize?");
        q.forEach((k, v) -> s.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20")).append('&'));
        s.setLength(s.length() - 1);
        return URI.create(s.toString());
    }

    /** {@code sso_registration_scopes}, or the AWS CLI's default {@code sso:account:access}. */
    private List<String> scopes() {
        return config.scopes().isEmpty() ? List.of(SsoSessionConfig.DEFAULT_SCOPE) : config.scopes();
    }

    /**
     * A usable access token: the cached one, renewed when less than 15 minutes are left and it can be.
     *
     * @throws CredentialsException when there is none, or it has expired and cannot be renewed; the hint says how to log in
     */
    public String accessToken() {
        SsoToken token = cache.read(config.cacheKey()).orElseThrow(() -> new CredentialsException(
                "there is no IAM Identity Center token for " + config.describe() + " in " + cache.file(config.cacheKey()),
                "log in with `" + config.loginCommand() + "`"));
        Instant now = clock.instant();
        if (!needsRenewal(token, now)) {
            if (token.isExpiredAt(now)) throw expired(token);
            return token.accessToken();
        }
        try {
            // Under the cache file's lock: whoever comes second finds the token already renewed.
            SsoToken renewed = cache.update(config.cacheKey(), latest -> needsRenewal(latest, now) ? renew(latest) : latest);
            if (renewed.isExpiredAt(now)) throw expired(renewed);
            return renewed.accessToken();
        } catch (CredentialsException e) {
            // As botocore: a failed renewal keeps the old token while it lasts.
            if (!token.isExpiredAt(now)) return token.accessToken();
            throw new CredentialsException(expired(token).getMessage() + "; renewing it failed: " + e.getMessage(),
                    "log in with `" + config.loginCommand() + "`", e);
        }
    }

    /** Less than 15 minutes left, and a refresh token and client registration to renew it with. */
    private static boolean needsRenewal(SsoToken token, Instant now) {
        return !now.plus(REFRESH_WINDOW).isBefore(token.expiresAt()) && token.canRefreshAt(now);
    }

    private SsoToken renew(SsoToken token) {
        ClientRegistration client = new ClientRegistration(token.clientId().orElseThrow(), token.clientSecret().orElseThrow(),
                token.registrationExpiresAt().orElseThrow());
        TokenGrant grant = reachable(config.oidcEndpoint(), () -> oidc.refresh(client, token.refreshToken().orElseThrow()));
        return toCache(grant, client);
    }

    /** Every account the token reaches, with every role in each (all pages). */
    public List<SsoAccount> accountsWithRoles() {
        String token = accessToken();
        return reachable(config.portalEndpoint(), () -> portal.accountsWithRoles(token));
    }

    /** Signs the token out at the portal (when there is one) and removes it from the cache; false when there was none. */
    public boolean logout() {
        Optional<SsoToken> token = cache.read(config.cacheKey());
        if (token.isEmpty()) return false;
        if (!token.get().isExpiredAt(clock.instant())) {
            try {
                reachable(config.portalEndpoint(), () -> {
                    portal.logout(token.get().accessToken());
                    return null;
                });
            } catch (SsoServiceException e) {
                if (e.status() != 401) throw e; // already signed out there
            }
        }
        return cache.delete(config.cacheKey());
    }

    /** The credentials of one role, with this session's token (wrap it in the refresh decorator). */
    public CredentialsProvider roleCredentialsProvider(String accountId, String roleName, String profileName) {
        return new SsoCredentialsProvider(this, portal, accountId, roleName, profileName);
    }

    /** Runs one call; an endpoint that cannot be reached is an error naming the region and the URL. */
    <T> T reachable(ServiceEndpoints.Configured endpoint, Supplier<T> call) {
        try {
            return call.get();
        } catch (HttpFetchException e) {
            throw new CredentialsException("could not reach IAM Identity Center for sso_region " + config.region() + " at "
                    + endpoint.uri() + " (" + endpoint.origin() + "): " + e.getMessage(),
                    "check sso_region: it must be the region where IAM Identity Center is enabled (the AWS access portal "
                            + "shows it), and that this machine reaches the endpoint", e);
        }
    }

    private SsoToken toCache(TokenGrant grant, ClientRegistration client) {
        Instant expiresAt = clock.instant().plus(grant.expiresIn());
        if (config.sessionName().isEmpty()) {
            return SsoToken.of(config.startUrl(), config.region(), grant.accessToken(), expiresAt);
        }
        return new SsoToken(config.startUrl(), config.region(), grant.accessToken(), expiresAt, Optional.of(client.clientId()),
                Optional.of(client.clientSecret()), Optional.of(client.expiresAt()), grant.refreshToken());
    }

    /** The registration cached with an sso-session's token, if it is good for at least another day. */
    private Optional<ClientRegistration> reusableRegistration() {
        if (config.sessionName().isEmpty()) return Optional.empty();
        Optional<SsoToken> cached;
        try {
            cached = cache.read(config.cacheKey());
        } catch (CredentialsException unreadable) {
            return Optional.empty(); // the login replaces it
        }
        return cached.filter(t -> t.clientId().isPresent() && t.clientSecret().isPresent()
                        && t.registrationExpiresAt().map(e -> clock.instant().plus(Duration.ofDays(1)).isBefore(e)).orElse(false))
                .map(t -> new ClientRegistration(t.clientId().get(), t.clientSecret().get(), t.registrationExpiresAt().get()));
    }

    private CredentialsException expired(SsoToken token) {
        return new CredentialsException("the IAM Identity Center token for " + config.describe() + " expired at " + token.expiresAt(),
                "log in again with `" + config.loginCommand() + "`");
    }
}
