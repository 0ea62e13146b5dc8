package dev.stscreds.testkit.sso;

import dev.stscreds.testkit.Json;
import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import dev.stscreds.testkit.sso.SsoDirectory.Client;
import dev.stscreds.testkit.sso.SsoDirectory.DeviceGrant;
import dev.stscreds.testkit.sso.SsoDirectory.Token;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SSO OIDC API (service {@code sso-oidc}, REST-JSON, unsigned): RegisterClient,
 * StartDeviceAuthorization and CreateToken with the device code and refresh token grants.
 */
final class OidcApi {
    static final String DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final String REFRESH_TOKEN_GRANT = "refresh_token";
    static final String AUTHORIZATION_CODE_GRANT = "authorization_code";

    private final LocalSso sso;

    OidcApi(LocalSso sso) {
        this.sso = sso;
    }

    Answer registerClient(Request request) {
        Map<String, Object> in = SsoJson.parseObject(request.body());
        String name = required(in, "clientName");
        String type = required(in, "clientType");
        if (!type.equals("public")) throw SsoError.invalidRequest("clientType must be public");
        if (name.isBlank()) throw SsoError.invalidRequest("clientName is empty");
        Instant now = sso.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> grantTypes = strings(in.get("grantTypes"));
        List<String> redirectUris = strings(in.get("redirectUris"));
        if (grantTypes.contains(AUTHORIZATION_CODE_GRANT) && (redirectUris.isEmpty() || !(in.get("issuerUrl") instanceof String))) {
            throw SsoError.invalidRequest("an authorization_code client needs redirectUris and issuerUrl");
        }
        Client client = new Client(sso.ids().text(22), sso.ids().text(64), strings(in.get("scopes")),
                now.plus(sso.registrationLifetime()), grantTypes, redirectUris,
                in.get("issuerUrl") instanceof String issuer ? issuer : null);
        sso.directory().addClient(client);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", client.clientId());
        out.put("clientSecret", client.clientSecret());
        out.put("clientIdIssuedAt", now.getEpochSecond());
        out.put("clientSecretExpiresAt", client.expiresAt().getEpochSecond());
        return Answer.json(200, Json.write(out));
    }

    Answer startDeviceAuthorization(Request request) {
        Map<String, Object> in = SsoJson.parseObject(request.body());
        Client client = authenticate(in);
        String startUrl = required(in, "startUrl");
        String userCode = sso.ids().userCode();
        DeviceGrant grant = new DeviceGrant(sso.ids().text(40), userCode, client.clientId(), startUrl,
                sso.now().plus(sso.deviceCodeLifetime()));
        if (sso.autoApproves()) grant.status = SsoDirectory.GrantStatus.APPROVED;
        sso.directory().addGrant(grant);
        String verification = sso.endpoint() + "/device";
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deviceCode", grant.deviceCode);
        out.put("userCode", userCode);
        out.put("verificationUri", verification);
        out.put("verificationUriComplete", verification + "?user_code=" + userCode);
        out.put("expiresIn", sso.deviceCodeLifetime().getSeconds());
        out.put("interval", sso.pollInterval().getSeconds());
        return Answer.json(200, Json.write(out));
    }

    Answer createToken(Request request) {
        Map<String, Object> in = SsoJson.parseObject(request.body());
        Client client = authenticate(in);
        String grantType = required(in, "grantType");
        if (grantType.equals(DEVICE_CODE_GRANT)) return deviceCodeToken(client, required(in, "deviceCode"));
        if (grantType.equals(REFRESH_TOKEN_GRANT)) return refreshToken(client, required(in, "refreshToken"));
        if (grantType.equals(AUTHORIZATION_CODE_GRANT)) return authorizationCodeToken(client, in);
        throw SsoError.oauth(400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                "Unsupported grant type: " + grantType);
    }

    /**
     * The browser's authorization page ({@code GET /authorize}): the user (the test) has decided beforehand;
     * the browser is sent back to the redirect URI with {@code code} and {@code state}, or {@code error=access_denied}.
     * The redirect URI must be one the client registered; for loopback ones any port is allowed (RFC 8252).
     */
    Answer authorize(Request request) {
        Map<String, String> q = LoopbackQuery.parse(request.rawQuery());
        if (!"code".equals(q.get("response_type"))) return page(400, "response_type must be code");
        Client client = sso.directory().client(q.getOrDefault("client_id", "")).orElse(null);
        if (client == null || !client.grantTypes().contains(AUTHORIZATION_CODE_GRANT)) {
            return page(400, "the client is unknown or not registered for the authorization code grant");
        }
        String redirect = q.getOrDefault("redirect_uri", "");
        if (!redirectRegistered(client, redirect)) return page(400, "redirect_uri is not one the client registered");
        String challenge = q.getOrDefault("code_challenge", "");
        if (!"S256".equals(q.get("code_challenge_method")) || challenge.length() < 43) {
            return page(400, "a PKCE code_challenge with code_challenge_method S256 is required");
        }
        String state = q.get("state");
        if (state == null || state.isEmpty()) return page(400, "state is required");
        String sep = redirect.contains("?") ? "&" : "?";
        if (sso.deniesAuthorizations()) {
            return redirect(redirect + sep + "error=access_denied&error_description=User+denied&state=" + encode(state));
        }
        String code = sso.ids().text(48);
        sso.directory().addAuthCode(code, new SsoDirectory.AuthCode(client.clientId(), redirect, challenge.replaceAll("=+$", ""),
                sso.now().plus(sso.deviceCodeLifetime())));
        return redirect(redirect + sep + "code=" + encode(code) + "&state=" + encode(state));
    }

    private Answer authorizationCodeToken(Client client, Map<String, Object> in) {
        SsoDirectory.AuthCode issued = sso.directory().takeAuthCode(required(in, "code"))
                .filter(c -> c.clientId().equals(client.clientId()))
                .orElseThrow(() -> SsoError.oauth(400, "InvalidGrantException", "invalid_grant", "Invalid authorization code provided"));
        if (!sso.now().isBefore(issued.expiresAt())) {
            throw SsoError.oauth(400, "ExpiredTokenException", "expired_token", "Authorization code has expired");
        }
        if (!issued.redirectUri().equals(in.get("redirectUri"))) {
            throw SsoError.oauth(400, "InvalidGrantException", "invalid_grant", "redirectUri does not match the authorization request");
        }
        String verifier = required(in, "codeVerifier");
        if (!LoopbackQuery.s256(verifier).equals(issued.challenge())) {
            throw SsoError.oauth(400, "InvalidGrantException", "invalid_grant", "Code verifier does not match the code challenge");
        }
        return issue(client);
    }

    private static boolean redirectRegistered(Client client, String redirect) {
        java.net.URI asked;
        try {
            asked = java.net.URI.create(redirect);
        } catch (IllegalArgumentException e) {
            return false;
        }
        for (String registered : client.redirectUris()) {
            java.net.URI r = java.net.URI.create(registered);
            boolean loopback = "127.0.0.1".equals(r.getHost()) || "localhost".equals(r.getHost());
            if (loopback && "http".equals(asked.getScheme()) && r.getHost().equals(asked.getHost())
                    && java.util.Objects.equals(r.getPath(), asked.getPath()) && asked.getQuery() == null) {
                return true;
            }
            if (registered.equals(redirect)) return true;
        }
        return false;
    }

    private static Answer redirect(String location) {
        return Answer.of(302, "text/html; charset=utf-8", "<html><body>Redirecting…</body></html>").withHeader("Location", location);
    }

    private static Answer page(int status, String text) {
        return Answer.of(status, "text/html; charset=utf-8", "<html><body><p>" + text + "</p></body></html>");
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Answer deviceCodeToken(Client client, String deviceCode) {
        DeviceGrant grant = sso.directory().grant(deviceCode)
                .filter(g -> g.clientId.equals(client.clientId()))
                .orElseThrow(() -> SsoError.oauth(400, "InvalidGrantException", "invalid_grant", "Invalid device code provided"));
        Instant now = sso.now();
        if (!now.isBefore(grant.expiresAt)) {
            throw SsoError.oauth(400, "ExpiredTokenException", "expired_token", "Device code has expired");
        }
        boolean tooSoon = sso.directory().pollTooSoon(grant, now, sso.pollInterval());
        if (tooSoon || sso.takeForcedSlowDown()) {
            throw SsoError.oauth(400, "SlowDownException", "slow_down", "Client is polling too quickly");
        }
        switch (grant.status) {
            case PENDING:
                throw SsoError.oauth(400, "AuthorizationPendingException", "authorization_pending",
                        "Authorization is still pending");
            case DENIED:
                throw SsoError.oauth(400, "AccessDeniedException", "access_denied", "The user denied the authorization");
            case USED:
                throw SsoError.oauth(400, "InvalidGrantException", "invalid_grant", "Device code has already been used");
            default:
                if (!sso.directory().use(grant)) {
                    throw SsoError.oauth(400, "InvalidGrantException", "invalid_grant", "Device code has already been used");
                }
                return issue(client);
        }
    }

    private Answer refreshToken(Client client, String refreshToken) {
        Token old = sso.directory().takeRefreshToken(refreshToken)
                .filter(t -> t.clientId().equals(client.clientId()))
                .orElseThrow(() -> SsoError.oauth(400, "InvalidGrantException", "invalid_grant", "Invalid refresh token provided"));
        sso.directory().revoke(old.accessToken());
        return issue(client);
    }

    /** A new access token; a refresh token too when the client registered scopes, as AWS does for sso-session logins. */
    private Answer issue(Client client) {
        Instant now = sso.now();
        String refresh = client.scopes().isEmpty() ? null : "aorAAAAA" + sso.ids().text(120);
        Token token = new Token("aoaAAAAA" + sso.ids().text(160), refresh, client.clientId(), now.plus(sso.tokenLifetime()));
        sso.directory().addToken(token);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accessToken", token.accessToken());
        out.put("tokenType", "Bearer");
        out.put("expiresIn", sso.tokenLifetime().getSeconds());
        out.put("refreshToken", refresh);
        return Answer.json(200, Json.write(out));
    }

    private Client authenticate(Map<String, Object> in) {
        String id = required(in, "clientId");
        String secret = required(in, "clientSecret");
        Client client = sso.directory().client(id).filter(c -> c.clientSecret().equals(secret))
                .orElseThrow(() -> SsoError.oauth(401, "InvalidClientException", "invalid_client", "Invalid client"));
        if (!sso.now().isBefore(client.expiresAt())) {
            throw SsoError.oauth(401, "InvalidClientException", "invalid_client", "Client registration has expired");
        }
        return client;
    }

    private static String required(Map<String, Object> in, String name) {
        Object v = in.get(name);
        if (!(v instanceof String s)) throw SsoError.invalidRequest(name + " is required");
        return s;
    }

    private static List<String> strings(Object raw) {
        if (raw == null) return List.of();
        if (!(raw instanceof List<?> list)) throw SsoError.invalidRequest("scopes must be a list");
        return list.stream().map(String::valueOf).toList();
    }
}
