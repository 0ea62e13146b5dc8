package dev.stscreds.rolesanywhere;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.Credentials;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.JsonFormatException;
import dev.stscreds.wire.Timestamps;
import dev.stscreds.wire.sigv4.HttpHeader;
import dev.stscreds.wire.sigv4.SignableRequest;
import dev.stscreds.wire.sigv4.SignedRequest;
import dev.stscreds.wire.sigv4.X509Signer;
import dev.stscreds.wire.sigv4.X509SigningKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * IAM Roles Anywhere's CreateSession ({@code POST /sessions}, REST-JSON), signed with the certificate's
 * private key: the one call that trades a certificate for temporary credentials of a role.
 */
public final class RolesAnywhereClient {
    public static final String SIGNING_NAME = "rolesanywhere";
    private static final JsonFactory JSON = new JsonFactory();
    private static final HttpFetch DEFAULT_HTTP = new HttpFetch(Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), 1 << 20);

    private final URI endpoint;
    private final String region;
    private final HttpFetch http;

    /** @param region the signing region, which is the trust anchor's */
    public RolesAnywhereClient(URI endpoint, String region) {
        this(endpoint, region, DEFAULT_HTTP);
    }

    RolesAnywhereClient(URI endpoint, String region, HttpFetch http) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.region = Objects.requireNonNull(region, "region");
        this.http = http;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The request as it would be sent at {@code now}, signed: for tests and {@code --debug} comparisons. */
    public SignedRequest signedCreateSession(CreateSessionRequest request, X509SigningKey key, Instant now) {
        String base = endpoint.toString().endsWith("/") ? endpoint.toString().substring(0, endpoint.toString().length() - 1)
                : endpoint.toString();
        URI target = URI.create(base + "/sessions?profileArn=" + encode(request.profileArn()) + "&roleArn="
                + encode(request.roleArn()) + "&trustAnchorArn=" + encode(request.trustAnchorArn()));
        SignableRequest signable = SignableRequest.builder("POST", target)
                .header("Content-Type", "application/json")
                .payload(body(request))
                .build();
        return new X509Signer(SIGNING_NAME, region).sign(signable, key, now);
    }

    /** CreateSession: the first credential set's credentials, labelled with the role. */
    public Credentials createSession(CreateSessionRequest request, X509SigningKey key, Instant now) {
        SignedRequest signed = signedCreateSession(request, key, now);
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpHeader h : signed.headers()) {
            if (!h.is("host")) headers.put(h.name(), h.value()); // the HTTP client sends the same Host itself
        }
        headers.put("Accept", "application/json");
        HttpFetch.Response r = http.send("POST", signed.uri(), headers, body(request));
        String origin = "the CreateSession answer of " + endpoint;
        if (!r.isSuccess()) throw error(r, origin);
        JsonDocument doc = JsonDocument.parseObject(r.body(), origin);
        if (!(doc.raw("credentialSet") instanceof List<?> set) || set.isEmpty() || !(set.get(0) instanceof Map<?, ?> first)
                || !(first.get("credentials") instanceof Map<?, ?> c)) {
            throw new JsonFormatException(origin + " has no credentialSet[0].credentials");
        }
        return Credentials.builder()
                .accessKeyId(text(c, "accessKeyId", origin))
                .secretAccessKey(text(c, "secretAccessKey", origin))
                .sessionToken(text(c, "sessionToken", origin))
                .expiration(Timestamps.parseIso(text(c, "expiration", origin), "expiration in " + origin))
                .accountId(request.accountId())
                .source("IAM Roles Anywhere role " + request.roleArn())
                .build();
    }

    private RolesAnywhereException error(HttpFetch.Response r, String origin) {
        String type = r.header("x-amzn-errortype").map(t -> t.split(":", 2)[0]).orElse(null);
        String message = null;
        try {
            JsonDocument doc = JsonDocument.parseObject(r.body(), origin);
            if (type == null) type = doc.string("__type").map(t -> t.substring(t.lastIndexOf('#') + 1)).orElse(null);
            message = doc.string("message").or(() -> doc.string("Message")).orElse(null);
        } catch (JsonFormatException notJson) {
            // a proxy's page: the status says enough
        }
        if (type == null) type = "HTTP " + r.status();
        String text = "IAM Roles Anywhere refused CreateSession at " + endpoint + ": " + type
                + (message == null ? "" : ": " + abbreviate(message));
        return new RolesAnywhereException(text, hint(r.status(), type), r.status(), type);
    }

    private static String hint(int status, String type) {
        if (type.equals("AccessDeniedException") || status == 403) {
            return "check that the certificate chains to the trust anchor, that the trust anchor and profile are enabled, "
                    + "and that the role trusts rolesanywhere.amazonaws.com and is listed in the profile";
        }
        if (type.equals("ResourceNotFoundException") || status == 404) {
            return "check the trust anchor and profile ARNs and the region";
        }
        if (type.equals("ValidationException") || status == 400) {
            return "check the session duration (900 to 43,200 seconds, and no more than the profile allows) and the ARNs";
        }
        if (status >= 500) return "IAM Roles Anywhere failed; try again in a moment";
        return "check the settings of the Roles Anywhere profile";
    }

    private static String body(CreateSessionRequest request) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("durationSeconds", request.durationSeconds());
            if (request.roleSessionName() != null) g.writeStringField("roleSessionName", request.roleSessionName());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String text(Map<?, ?> object, String name, String origin) {
        if (object.get(name) instanceof String s && !s.isEmpty()) return s;
        throw new JsonFormatException(origin + " has no \"credentialSet[0].credentials." + name + "\" string");
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 300 ? printable.substring(0, 300) + "…" : printable;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
