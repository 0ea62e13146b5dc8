package dev.stscreds.signin;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.CredentialsException;
import dev.stscreds.cache.PythonJson;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.HttpFetchException;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.JsonFormatException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The AWS sign-in service's token endpoint, CreateOAuth2Token ({@code POST /v1/token}): sent unsigned,
 * with a DPoP proof of the session's key, for the authorization code and refresh token grants.
 */
public final class SigninClient {
    public static final String SAME_DEVICE_CLIENT = "arn:aws:signin:::devtools/same-device";
    public static final String CROSS_DEVICE_CLIENT = "arn:aws:signin:::devtools/cross-device";
    private static final JsonFactory JSON = new JsonFactory();
    static final HttpFetch DEFAULT_HTTP = new HttpFetch(Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), 1 << 20);

    private final HttpFetch http;
    private final URI endpoint;
    private final String origin;
    private final Clock clock;

    /**
     * @param endpoint the service's base URL, e.g. {@code https://us-east-1.signin.aws.amazon.com}
     * @param origin   where the endpoint came from, for errors (e.g. {@code AWS_ENDPOINT_URL_SIGNIN})
     */
    public SigninClient(URI endpoint, String origin, Clock clock) {
        this(DEFAULT_HTTP, endpoint, origin, clock);
    }

    SigninClient(HttpFetch http, URI endpoint, String origin, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.origin = origin;
        this.clock = clock;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The service's base URL with {@code path} appended, e.g. {@code /v1/authorize}. */
    public URI resolve(String path) {
        String base = endpoint.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + path);
    }

    /** CreateOAuth2Token with {@code grantType = refresh_token}. */
    public SigninTokenGrant refresh(String clientId, String refreshToken, DpopKey key) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("refreshToken", refreshToken);
        body.put("grantType", "refresh_token");
        return createToken(body, key);
    }

    /** CreateOAuth2Token with {@code grantType = authorization_code}; {@code redirectUri} as sent to {@code /v1/authorize}. */
    public SigninTokenGrant redeem(String clientId, String code, String codeVerifier, String redirectUri, DpopKey key) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("clientId", clientId);
        body.put("grantType", "authorization_code");
        body.put("code", code);
        body.put("codeVerifier", codeVerifier);
        if (redirectUri != null) body.put("redirectUri", redirectUri);
        return createToken(body, key);
    }

    private SigninTokenGrant createToken(Map<String, String> body, DpopKey key) {
        URI url = resolve("/v1/token");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        headers.put("DPoP", key.proof("POST", url, clock.instant(), UUID.randomUUID()));
        HttpFetch.Response r;
        try {
            r = http.send("POST", url, headers, write(body));
        } catch (HttpFetchException e) {
            throw new CredentialsException("could not reach the AWS sign-in service at " + url + " (" + origin + "): "
                    + e.getMessage(), "check the network and the region; try again in a moment", e);
        }
        String answer = "the CreateOAuth2Token answer of " + url;
        if (!r.isSuccess()) throw error(r, url, answer);
        JsonDocument doc = JsonDocument.parseObject(r.body(), answer);
        // The answer is the token output itself; accept it wrapped in "tokenOutput" too.
        if (doc.raw("tokenOutput") instanceof Map<?, ?>) {
            doc = JsonDocument.parseObject(PythonJson.dumps(doc.raw("tokenOutput")), answer);
        }
        if (!(doc.raw("accessToken") instanceof Map<?, ?> access)) throw new JsonFormatException(answer + " has no accessToken");
        String keyId = string(access, "accessKeyId", answer);
        String secret = string(access, "secretAccessKey", answer);
        String session = string(access, "sessionToken", answer);
        long expiresIn = doc.raw("expiresIn") instanceof BigDecimal n ? n.longValue() : 900;
        return new SigninTokenGrant(keyId, secret, session, doc.string("tokenType").orElse("aws_sigv4"),
                Duration.ofSeconds(expiresIn), doc.requiredString("refreshToken"), doc.string("idToken").filter(t -> !t.isEmpty()));
    }

    private SigninServiceException error(HttpFetch.Response r, URI url, String answer) {
        String type = r.header("x-amzn-errortype").map(t -> t.split(":", 2)[0]).filter(t -> !t.isEmpty()).orElse(null);
        String code = null;
        String message = null;
        try {
            JsonDocument doc = JsonDocument.parseObject(r.body(), answer);
            if (type == null) type = doc.string("__type").map(t -> t.substring(t.lastIndexOf('#') + 1)).orElse(null);
            code = doc.string("error").orElse(null);
            message = doc.string("message").or(() -> doc.string("Message")).or(() -> doc.string("error_description")).orElse(null);
        } catch (JsonFormatException notJson) {
            // a proxy's page: the status says enough
        }
        if (type == null) type = "HTTP " + r.status();
        String text = "CreateOAuth2Token at " + url + " failed: " + type + (code == null ? "" : " " + code)
                + (message == null || message.isEmpty() ? "" : ": " + message) + " (HTTP " + r.status() + ")";
        String hint = switch (code == null ? "" : code) {
            case "TOKEN_EXPIRED", "USER_CREDENTIALS_CHANGED", "AUTHCODE_EXPIRED" -> "sign in again with `stscreds login`";
            case "INSUFFICIENT_PERMISSIONS" -> "the signed-in identity needs permission for signin:CreateOAuth2Token;"
                    + " ask an administrator, then sign in again";
            default -> r.status() >= 500 || r.status() == 429 ? "the sign-in service failed; try again in a moment"
                    : "sign in again with `stscreds login`";
        };
        return new SigninServiceException(text, hint, r.status(), type, code);
    }

    private static String string(Map<?, ?> map, String key, String answer) {
        if (map.get(key) instanceof String s && !s.isEmpty()) return s;
        throw new JsonFormatException(answer + " has no accessToken." + key);
    }

    private static String write(Map<String, String> body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> f : body.entrySet()) g.writeStringField(f.getKey(), f.getValue());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
