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
        Client client = new Client(sso.ids().text(22), sso.ids().text(64), strings(in.get("scopes")),
                now.plus(sso.registrationLifetime()));
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
        throw SsoError.oauth(400, "UnsupportedGrantTypeException", "unsupported_grant_type",
                "Unsupported grant type: " + grantType);
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
