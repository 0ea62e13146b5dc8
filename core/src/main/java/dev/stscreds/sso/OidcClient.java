package dev.stscreds.sso;

import dev.stscreds.CredentialsException;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.JsonDocument;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SSO OIDC API ({@code https://oidc.REGION.amazonaws.com}): register a client, start a device
 * authorization, and get a token for it by polling, or renew one with a refresh token.
 */
public final class OidcClient {
    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final String AUTHORIZATION_CODE_GRANT = "authorization_code";
    /** RFC 8628: a {@code slow_down} answer adds five seconds to the polling interval for good. */
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);
    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    private final RestJson rest;
    private final Clock clock;
    private final String region;

    public OidcClient(URI endpoint, String region, Clock clock) {
        this(RestJson.DEFAULT_HTTP, endpoint, region, clock);
    }

    OidcClient(HttpFetch http, URI endpoint, String region, Clock clock) {
        this.rest = new RestJson(http, endpoint);
        this.clock = clock;
        this.region = region;
    }

    public URI endpoint() {
        return rest.endpoint();
    }

    /** RegisterClient; {@code scopes} non-empty asks for refresh tokens (what sso-session logins do). */
    public ClientRegistration register(String clientName, List<String> scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientName", clientName);
        body.put("clientType", "public");
        if (!scopes.isEmpty()) {
            body.put("scopes", scopes);
            body.put("grantTypes", List.of(DEVICE_CODE_GRANT, "refresh_token"));
        }
        JsonDocument doc = rest.post("RegisterClient", "/client/register", body, Map.of(), this::hint);
        return new ClientRegistration(doc.requiredString("clientId"), doc.requiredString("clientSecret"),
                Instant.ofEpochSecond(number(doc, "clientSecretExpiresAt").longValue()));
    }

    /**
     * RegisterClient for the authorization code grant with PKCE, as the AWS CLI v2 registers: grant types
     * {@code authorization_code} and {@code refresh_token}, the loopback redirect URI without a port
     * (any port is then allowed, RFC 8252), and the start URL as {@code issuerUrl}.
     */
    public ClientRegistration registerForAuthorizationCode(String clientName, List<String> scopes, String redirectUri,
                                                           String issuerUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientName", clientName);
        body.put("clientType", "public");
        body.put("grantTypes", List.of(AUTHORIZATION_CODE_GRANT, "refresh_token"));
        body.put("redirectUris", List.of(redirectUri));
        body.put("issuerUrl", issuerUrl);
        body.put("scopes", scopes);
        JsonDocument doc = rest.post("RegisterClient", "/client/register", body, Map.of(), this::hint);
        return new ClientRegistration(doc.requiredString("clientId"), doc.requiredString("clientSecret"),
                Instant.ofEpochSecond(number(doc, "clientSecretExpiresAt").longValue()));
    }

    /** CreateToken with the authorization code grant: the code, the redirect URI it was sent to, and the PKCE verifier. */
    public TokenGrant redeem(ClientRegistration client, String code, String redirectUri, String codeVerifier) {
        Map<String, String> grant = new LinkedHashMap<>();
        grant.put("grantType", AUTHORIZATION_CODE_GRANT);
        grant.put("redirectUri", redirectUri);
        grant.put("codeVerifier", codeVerifier);
        grant.put("code", code);
        return createToken(client, grant);
    }

    public DeviceAuthorization startDeviceAuthorization(ClientRegistration client, String startUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", client.clientId());
        body.put("clientSecret", client.clientSecret());
        body.put("startUrl", startUrl);
        JsonDocument doc = rest.post("StartDeviceAuthorization", "/device_authorization", body, Map.of(), this::hint);
        String uri = doc.requiredString("verificationUri");
        BigDecimal interval = doc.raw("interval") instanceof BigDecimal n ? n : null;
        return new DeviceAuthorization(doc.requiredString("deviceCode"), doc.requiredString("userCode"), uri,
                doc.string("verificationUriComplete").orElse(uri),
                Duration.ofSeconds(number(doc, "expiresIn").longValue()),
                interval == null || interval.signum() <= 0 ? DEFAULT_INTERVAL : Duration.ofSeconds(interval.longValue()));
    }

    /**
     * Polls CreateToken until the user has allowed the authorization: waits {@code interval} after
     * {@code authorization_pending}, five seconds more after every {@code slow_down}, and gives up
     * when the device code expires.
     *
     * @throws CredentialsException when the user denied it, the code expired, or the wait was interrupted
     */
    public TokenGrant awaitToken(ClientRegistration client, DeviceAuthorization authorization, Sleeper sleeper) {
        Instant deadline = clock.instant().plus(authorization.expiresIn());
        Duration interval = authorization.interval();
        while (true) {
            try {
                return createToken(client, Map.of("grantType", DEVICE_CODE_GRANT, "deviceCode", authorization.deviceCode()));
            } catch (SsoServiceException e) {
                String error = e.oauthError().orElse("");
                if (error.equals("slow_down") || e.errorType().equals("SlowDownException")) {
                    interval = interval.plus(SLOW_DOWN_STEP);
                } else if (!error.equals("authorization_pending") && !e.errorType().equals("AuthorizationPendingException")) {
                    throw e;
                }
            }
            if (!clock.instant().plus(interval).isBefore(deadline)) {
                throw new CredentialsException("the sign-in with code " + authorization.userCode() + " was not completed within "
                        + authorization.expiresIn().toMinutes() + " minutes", "run the login again and allow it in the browser");
            }
            try {
                sleeper.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CredentialsException("the login was interrupted while waiting for the sign-in", "run it again");
            }
        }
    }

    /** CreateToken with the refresh token grant. */
    public TokenGrant refresh(ClientRegistration client, String refreshToken) {
        return createToken(client, Map.of("grantType", "refresh_token", "refreshToken", refreshToken));
    }

    private TokenGrant createToken(ClientRegistration client, Map<String, String> grant) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", client.clientId());
        body.put("clientSecret", client.clientSecret());
        body.putAll(grant);
        JsonDocument doc = rest.post("CreateToken", "/token", body, Map.of(), this::hint);
        return new TokenGrant(doc.requiredString("accessToken"), Duration.ofSeconds(number(doc, "expiresIn").longValue()),
                doc.string("refreshToken").filter(t -> !t.isEmpty()));
    }

    private String hint(int status, String errorType, String oauthError) {
        String error = oauthError == null ? "" : oauthError;
        return switch (error) {
            case "access_denied" -> "the sign-in was refused in the browser; run the login again and choose Allow";
            case "expired_token" -> "the sign-in code expired before it was allowed; run the login again";
            case "invalid_grant" -> "the sign-in or refresh token is no longer valid; run the login again";
            case "invalid_client" -> "the client registration is no longer valid; run the login again";
            default -> status >= 500 ? "IAM Identity Center failed; try again in a moment"
                    : "check sso_region (" + region + ") and sso_start_url: IAM Identity Center must be enabled in that region";
        };
    }

    private static BigDecimal number(JsonDocument doc, String field) {
        if (doc.raw(field) instanceof BigDecimal n) return n;
        throw new dev.stscreds.wire.JsonFormatException(doc.origin() + " has no number \"" + field + "\"");
    }
}
