package dev.stscreds.sso;

import dev.stscreds.CredentialValues;
import dev.stscreds.Credentials;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.JsonFormatException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IAM Identity Center portal API ({@code https://portal.sso.REGION.amazonaws.com}): every call
 * carries the access token in {@code x-amz-sso_bearer_token} and is not signed.
 */
public final class PortalClient {
    static final String TOKEN_HEADER = "x-amz-sso_bearer_token";
    /** A guard against an endpoint whose next token never ends. */
    private static final int MAX_PAGES = 1000;

    private final RestJson rest;
    private final String region;

    public PortalClient(URI endpoint, String region) {
        this(RestJson.DEFAULT_HTTP, endpoint, region);
    }

    PortalClient(HttpFetch http, URI endpoint, String region) {
        this.rest = new RestJson(http, endpoint);
        this.region = region;
    }

    public URI endpoint() {
        return rest.endpoint();
    }

    /** GetRoleCredentials: temporary credentials of the role, expiring when the portal says. */
    public Credentials roleCredentials(String accessToken, String accountId, String roleName) {
        JsonDocument doc = rest.get("GetRoleCredentials", "/federation/credentials?account_id=" + encode(accountId)
                + "&role_name=" + encode(roleName), auth(accessToken), this::hint);
        if (!(doc.raw("roleCredentials") instanceof Map<?, ?> c)) {
            throw new JsonFormatException(doc.origin() + " has no \"roleCredentials\" object");
        }
        if (!(c.get("expiration") instanceof BigDecimal expiration)) {
            throw new JsonFormatException(doc.origin() + " has no number \"roleCredentials.expiration\"");
        }
        return Credentials.builder()
                .accessKeyId(string(c, "accessKeyId", doc))
                .secretAccessKey(string(c, "secretAccessKey", doc))
                .sessionToken(string(c, "sessionToken", doc))
                .expiration(Instant.ofEpochMilli(expiration.longValue()))
                .accountId(accountId)
                .source("IAM Identity Center role " + roleName + " in account " + accountId)
                .build();
    }

    /** ListAccounts, every page; each account with its roles (ListAccountRoles, every page). */
    public List<SsoAccount> accountsWithRoles(String accessToken) {
        List<SsoAccount> accounts = new ArrayList<>();
        for (Map<?, ?> a : pages("ListAccounts", "/assignment/accounts?", "accountList", accessToken)) {
            // Both are written into the config file by `sso profiles`: checked like every value that enters.
            String id = CredentialValues.accountId(text(a.get("accountId")), "IAM Identity Center's ListAccounts");
            List<String> roles = new ArrayList<>();
            for (Map<?, ?> r : pages("ListAccountRoles", "/assignment/roles?account_id=" + encode(id) + "&", "roleList", accessToken)) {
                roles.add(CredentialValues.roleName(text(r.get("roleName")), "IAM Identity Center's ListAccountRoles"));
            }
            accounts.add(new SsoAccount(id, text(a.get("accountName")), text(a.get("emailAddress")), List.copyOf(roles)));
        }
        return List.copyOf(accounts);
    }

    /** Logout: the token (and the role credentials it gave) stop working at the portal. */
    public void logout(String accessToken) {
        rest.post("Logout", "/logout", Map.of(), auth(accessToken), this::hint);
    }

    private List<Map<?, ?>> pages(String operation, String pathAndQuery, String listName, String accessToken) {
        List<Map<?, ?>> items = new ArrayList<>();
        Optional<String> next = Optional.empty();
        for (int page = 0; page < MAX_PAGES; page++) {
            String url = pathAndQuery + next.map(t -> "next_token=" + encode(t)).orElse("");
            if (url.endsWith("?") || url.endsWith("&")) url = url.substring(0, url.length() - 1);
            JsonDocument doc = rest.get(operation, url, auth(accessToken), this::hint);
            if (doc.raw(listName) instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> m) items.add(m);
                }
            }
            next = doc.string("nextToken").filter(t -> !t.isEmpty());
            if (next.isEmpty()) return items;
        }
        throw new JsonFormatException(operation + " at " + rest.endpoint() + " did not end after " + MAX_PAGES + " pages");
    }

    private String hint(int status, String errorType, String oauthError) {
        if (status == 401 || errorType.equals("UnauthorizedException")) {
            return "the IAM Identity Center token has expired or was signed out: log in again";
        }
        if (status == 403 || errorType.equals("ForbiddenException")) {
            return "the user has no access to that account and role; list what it may use with `stscreds sso profiles`";
        }
        if (status >= 500) return "IAM Identity Center failed; try again in a moment";
        return "check sso_region (" + region + "): it must be the region where IAM Identity Center is enabled";
    }

    private static Map<String, String> auth(String accessToken) {
        return Map.of(TOKEN_HEADER, accessToken);
    }

    private static String string(Map<?, ?> object, String name, JsonDocument doc) {
        if (object.get(name) instanceof String s && !s.isEmpty()) return s;
        throw new JsonFormatException(doc.origin() + " has no \"roleCredentials." + name + "\" string");
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
