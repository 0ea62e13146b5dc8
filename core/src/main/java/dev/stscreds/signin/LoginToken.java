package dev.stscreds.signin;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.cache.PythonJson;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.Timestamps;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One sign-in session as the AWS CLI caches it in {@code ~/.aws/login/cache}:
 * <pre>{"accessToken": {"accessKeyId", "secretAccessKey", "sessionToken", "accountId", "expiresAt"},
 *  "tokenType", "clientId", "refreshToken", "idToken", "dpopKey"}</pre>
 * Fields this class does not know (a newer tool's) are kept as they were and written back.
 * {@link #toString()} shows no secret.
 */
public final class LoginToken {
    /** As botocore and the AWS CLI write {@code expiresAt}: whole seconds, {@code Z}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, Object> fields;
    private final Map<String, Object> accessToken;
    private final Instant expiresAt;

    private LoginToken(Map<String, Object> fields, String where) {
        this.fields = fields;
        if (!(fields.get("accessToken") instanceof Map<?, ?> inner)) throw missing(where, "accessToken");
        @SuppressWarnings("unchecked")
        Map<String, Object> access = (Map<String, Object>) inner;
        this.accessToken = access;
        for (String key : new String[] {"accessKeyId", "secretAccessKey", "sessionToken", "accountId", "expiresAt"}) {
            if (!(access.get(key) instanceof String s) || s.isEmpty()) throw missing(where, "accessToken." + key);
        }
        for (String key : new String[] {"clientId", "refreshToken", "dpopKey"}) {
            if (!(fields.get(key) instanceof String s) || s.isEmpty()) throw missing(where, key);
        }
        this.expiresAt = Timestamps.parseIso((String) access.get("expiresAt"), "accessToken.expiresAt in " + where);
    }

    /** Reads a cache file's text (the AWS CLI's or the JavaScript SDK's layout). */
    static LoginToken parse(String text, Path file) {
        JsonDocument doc = JsonDocument.parseObject(text, "the sign-in session " + file);
        return new LoginToken(new LinkedHashMap<>(doc.fields()), file.toString());
    }

    /** A new session, fields in the order {@code aws login} writes them. */
    public static LoginToken create(SigninTokenGrant grant, String accountId, Instant expiresAt, String clientId, DpopKey key) {
        Map<String, Object> access = new LinkedHashMap<>();
        access.put("accessKeyId", grant.accessKeyId());
        access.put("secretAccessKey", grant.secretAccessKey());
        access.put("sessionToken", grant.sessionToken());
        access.put("accountId", accountId);
        access.put("expiresAt", format(expiresAt));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("accessToken", access);
        fields.put("tokenType", grant.tokenType());
        fields.put("clientId", clientId);
        fields.put("refreshToken", grant.refreshToken());
        grant.idToken().ifPresent(t -> fields.put("idToken", t));
        fields.put("dpopKey", key.toPem());
        return new LoginToken(fields, "a new sign-in session");
    }

    /** This session after a refresh: new keys, expiry and refresh token; everything else as it was. */
    public LoginToken refreshed(SigninTokenGrant grant, Instant newExpiresAt) {
        Map<String, Object> access = new LinkedHashMap<>(accessToken);
        access.put("accessKeyId", grant.accessKeyId());
        access.put("secretAccessKey", grant.secretAccessKey());
        access.put("sessionToken", grant.sessionToken());
        access.put("expiresAt", format(newExpiresAt));
        Map<String, Object> next = new LinkedHashMap<>(fields);
        next.put("accessToken", access);
        next.put("refreshToken", grant.refreshToken());
        return new LoginToken(next, "a refreshed sign-in session");
    }

    /** The file's text: Python's {@code json.dumps} of the fields, as botocore's cache writes it. */
    public String toJson() {
        return PythonJson.dumps(fields);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String accountId() {
        return (String) accessToken.get("accountId");
    }

    public String clientId() {
        return (String) fields.get("clientId");
    }

    public String refreshToken() {
        return (String) fields.get("refreshToken");
    }

    public Optional<String> idToken() {
        return fields.get("idToken") instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    }

    /** The region the JavaScript SDK records for the sign-in service, when a tool wrote one. */
    public Optional<String> signInRegion() {
        return fields.get("signInRegion") instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    }

    public DpopKey dpopKey(String where) {
        return DpopKey.fromPem((String) fields.get("dpopKey"), where);
    }

    public Credentials credentials(String source) {
        return Credentials.builder()
                .accessKeyId((String) accessToken.get("accessKeyId"))
                .secretAccessKey((String) accessToken.get("secretAccessKey"))
                .sessionToken((String) accessToken.get("sessionToken"))
                .accountId(accountId())
                .expiration(expiresAt)
                .source(source)
                .build();
    }

    static String format(Instant t) {
        return TIME.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoginToken other && other.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "LoginToken[accountId=" + accountId() + ", expiresAt=" + expiresAt + ", clientId=" + clientId()
                + ", refreshToken=***, dpopKey=***]";
    }

    private static CredentialsException missing(String where, String field) {
        return new CredentialsException("the sign-in session " + where + " has no " + field,
                "sign in again with `stscreds login` (or `aws login`) to replace it");
    }
}
