package dev.stscreds.testkit.sso;

import dev.stscreds.testkit.Json;
import dev.stscreds.testkit.FakeCredentials;
import dev.stscreds.testkit.LoopbackHttp.Answer;
import dev.stscreds.testkit.LoopbackHttp.Request;
import dev.stscreds.testkit.sso.SsoDirectory.AccountEntry;
import dev.stscreds.testkit.sso.SsoDirectory.Token;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IAM Identity Center portal API (service {@code sso}, REST-JSON, authorized by the bearer token
 * in {@code x-amz-sso_bearer_token}): GetRoleCredentials, ListAccounts, ListAccountRoles and Logout.
 */
final class PortalApi {
    static final String TOKEN_HEADER = "x-amz-sso_bearer_token";

    private final LocalSso sso;

    PortalApi(LocalSso sso) {
        this.sso = sso;
    }

    Answer getRoleCredentials(Request request) {
        authorize(request);
        Map<String, String> q = query(request);
        String accountId = required(q, "account_id");
        String roleName = required(q, "role_name");
        boolean assigned = sso.directory().account(accountId).map(a -> a.roles().contains(roleName)).orElse(false);
        if (!assigned) throw SsoError.portal(403, "ForbiddenException", "No access");
        FakeCredentials c = sso.roleCredentials(accountId, roleName);
        Map<String, Object> creds = new LinkedHashMap<>();
        creds.put("accessKeyId", c.accessKeyId());
        creds.put("secretAccessKey", c.secretAccessKey());
        creds.put("sessionToken", c.sessionToken());
        creds.put("expiration", c.expiration().toEpochMilli());
        return Answer.json(200, Json.write(Map.of("roleCredentials", creds)));
    }

    Answer listAccounts(Request request) {
        authorize(request);
        Map<String, String> q = query(request);
        List<Map<String, Object>> all = new ArrayList<>();
        for (AccountEntry a : sso.directory().accounts()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("accountId", a.accountId());
            item.put("accountName", a.name());
            item.put("emailAddress", a.email());
            all.add(item);
        }
        return page(all, q, "accountList");
    }

    Answer listAccountRoles(Request request) {
        authorize(request);
        Map<String, String> q = query(request);
        String accountId = required(q, "account_id");
        AccountEntry account = sso.directory().account(accountId)
                .orElseThrow(() -> SsoError.portal(404, "ResourceNotFoundException", "Account not found: " + accountId));
        List<Map<String, Object>> all = new ArrayList<>();
        for (String role : account.roles()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("roleName", role);
            item.put("accountId", accountId);
            all.add(item);
        }
        return page(all, q, "roleList");
    }

    Answer logout(Request request) {
        Token token = authorize(request);
        sso.directory().revoke(token.accessToken());
        return Answer.json(200, "{}");
    }

    /** One page of {@code all}: at most the server's page size (or fewer when {@code max_result} asks). */
    private Answer page(List<Map<String, Object>> all, Map<String, String> q, String listName) {
        int start = q.containsKey("next_token") ? offset(q.get("next_token")) : 0;
        int size = sso.pageSize();
        if (q.containsKey("max_result")) {
            try {
                size = Math.min(size, Integer.parseInt(q.get("max_result")));
            } catch (NumberFormatException e) {
                throw SsoError.portal(400, "InvalidRequestException", "max_result must be a number");
            }
            if (size < 1) throw SsoError.portal(400, "InvalidRequestException", "max_result must be at least 1");
        }
        int end = Math.min(all.size(), start + size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nextToken", end < all.size() ? token(end) : null);
        out.put(listName, all.subList(Math.min(start, all.size()), end));
        return Answer.json(200, Json.write(out));
    }

    private static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("page:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int offset(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("page:")) throw new IllegalArgumentException();
            return Integer.parseInt(text.substring(5));
        } catch (IllegalArgumentException e) {
            throw SsoError.portal(400, "InvalidRequestException", "Invalid next token");
        }
    }

    private Token authorize(Request request) {
        String bearer = request.header(TOKEN_HEADER);
        if (bearer == null || bearer.isEmpty()) throw SsoError.unauthorized();
        Token token = sso.directory().token(bearer).orElseThrow(SsoError::unauthorized);
        if (!sso.now().isBefore(token.expiresAt())) throw SsoError.unauthorized();
        return token;
    }

    private static String required(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) throw SsoError.portal(400, "InvalidRequestException", name + " is required");
        return v;
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> q = new HashMap<>();
        if (request.rawQuery() == null) return q;
        for (String pair : request.rawQuery().split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(key, value);
        }
        return q;
    }
}
