package dev.stscreds.sso;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.JsonFormatException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One REST-JSON exchange with an IAM Identity Center endpoint (unsigned, as botocore sends them):
 * a JSON body or query in, a JSON object or an {@link SsoServiceException} out.
 */
final class RestJson {
    private static final JsonFactory JSON = new JsonFactory();
    static final HttpFetch DEFAULT_HTTP = new HttpFetch(Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), 1 << 20);

    private final HttpFetch http;
    private final URI endpoint;

    RestJson(HttpFetch http, URI endpoint) {
        this.http = http;
        this.endpoint = endpoint;
    }

    URI endpoint() {
        return endpoint;
    }

    /** POSTs {@code body} (strings and lists of strings) as JSON to {@code path}. */
    JsonDocument post(String operation, String path, Map<String, ?> body, Map<String, String> headers, HintSource hints) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/json");
        all.put("Accept", "application/json");
        return exchange(operation, "POST", resolve(path), all, write(body), hints);
    }

    /** GETs {@code pathAndQuery} (already encoded). */
    JsonDocument get(String operation, String pathAndQuery, Map<String, String> headers, HintSource hints) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Accept", "application/json");
        return exchange(operation, "GET", resolve(pathAndQuery), all, null, hints);
    }

    /** The hint for an error type / OAuth error, by the caller who knows what it means. */
    interface HintSource {
        String hint(int status, String errorType, String oauthError);
    }

    private JsonDocument exchange(String operation, String method, URI url, Map<String, String> headers, String body,
                                  HintSource hints) {
        HttpFetch.Response r = http.send(method, url, headers, body);
        String origin = "the " + operation + " answer of " + endpoint;
        if (r.isSuccess()) {
            return r.body().isBlank() ? JsonDocument.parseObject("{}", origin) : JsonDocument.parseObject(r.body(), origin);
        }
        String errorType = r.header("x-amzn-errortype").map(t -> t.split(":", 2)[0]).filter(t -> !t.isEmpty()).orElse(null);
        String oauthError = null;
        String description = null;
        try {
            JsonDocument doc = JsonDocument.parseObject(r.body(), origin);
            if (errorType == null) errorType = doc.string("__type").map(t -> t.substring(t.lastIndexOf('#') + 1)).orElse(null);
            oauthError = doc.string("error").orElse(null);
            description = doc.string("error_description").or(() -> doc.string("message"))
                    .or(() -> doc.string("Message")).orElse(null);
        } catch (JsonFormatException notJson) {
            // a proxy's or load balancer's page: the status says enough
        }
        if (errorType == null) errorType = "HTTP " + r.status();
        throw new SsoServiceException(operation, endpoint.toString(), r.status(), errorType, oauthError, description,
                hints.hint(r.status(), errorType, oauthError));
    }

    private URI resolve(String pathAndQuery) {
        String base = endpoint.toString();
        if (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        return URI.create(base + pathAndQuery);
    }

    private static String write(Map<String, ?> body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, ?> f : body.entrySet()) {
                Object v = f.getValue();
                if (v == null || (v instanceof Optional<?> o && o.isEmpty())) continue;
                if (v instanceof List<?> list) {
                    g.writeArrayFieldStart(f.getKey());
                    for (Object item : list) g.writeString(item.toString());
                    g.writeEndArray();
                } else {
                    g.writeStringField(f.getKey(), v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
