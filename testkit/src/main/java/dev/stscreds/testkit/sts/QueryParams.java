package dev.stscreds.testkit.sts;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The parameters of a Query-protocol request: the URL's query string and a form-encoded body, merged. */
final class QueryParams {
    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = values;
    }

    static QueryParams of(String rawQuery, String formBody) {
        Map<String, String> values = new HashMap<>();
        read(rawQuery, values);
        read(formBody, values);
        return new QueryParams(values);
    }

    String get(String name) {
        return values.get(name);
    }

    /** {@code NAME.member.1}, {@code NAME.member.2}, … up to the first gap. */
    List<String> members(String name) {
        return members(name, "");
    }

    /** {@code NAME.member.N.FIELD} for N = 1, 2, … up to the first gap. */
    List<String> members(String name, String field) {
        List<String> out = new ArrayList<>();
        String suffix = field.isEmpty() ? "" : "." + field;
        for (int n = 1; values.containsKey(name + ".member." + n + suffix); n++) {
            out.add(values.get(name + ".member." + n + suffix));
        }
        return out;
    }

    private static void read(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) return;
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                into.putIfAbsent(key, value);
            } catch (IllegalArgumentException e) {
                throw new AwsError(400, "MalformedQueryString", "The query string or form body is not well-formed URL encoding.");
            }
        }
    }
}
