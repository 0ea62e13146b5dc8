package dev.stscreds.testkit.sso;

import dev.stscreds.testkit.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The request bodies the SSO endpoints read, refused the way the service refuses them. */
final class SsoJson {
    private SsoJson() {}

    /** A request body as a map; an empty body is an empty object; anything else is {@code InvalidRequestException}. */
    static Map<String, Object> parseObject(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) return Map.of();
        Object value;
        try {
            value = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw SsoError.invalidRequest("the body is not valid JSON");
        }
        if (!(value instanceof Map<?, ?>)) throw SsoError.invalidRequest("the body is not a JSON object");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }
}
