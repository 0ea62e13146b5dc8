package dev.stscreds.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed JSON object, read with jackson-core's streaming parser (no data binding).
 *
 * <p>Values are {@link String}, {@link BigDecimal}, {@link Boolean}, {@code null}, nested
 * {@link Map}s and {@link List}s. Errors say which document failed ({@code origin}) and at which
 * line and column, never the document's text, which may hold secrets.
 *
 * <p>Hostile documents stay cheap: nesting is capped at 64 levels, a number at 1,000 characters
 * (jackson-core's own limit) and at {@value #MAX_DECIMAL_EXPONENT} in its decimal exponent, so that
 * {@code 1e999999999} is refused here rather than expanded to a billion digits by whoever reads it.
 */
public final class JsonDocument {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build();

    /** The largest decimal exponent a number may have, either way: doubles reach 308 and 324. */
    static final int MAX_DECIMAL_EXPONENT = 400;

    private final Map<String, Object> fields;
    private final String origin;

    private JsonDocument(Map<String, Object> fields, String origin) {
        this.fields = fields;
        this.origin = origin;
    }

    /**
     * Parses {@code text}, which must be one JSON object and nothing else.
     *
     * @param origin names the document in errors, e.g. {@code "output of credential_process in profile dev"}
     * @throws JsonFormatException if the text is not one JSON object
     */
    public static JsonDocument parseObject(String text, String origin) {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) throw new JsonFormatException(origin + " is empty; expected a JSON object");
            if (first != JsonToken.START_OBJECT) {
                throw new JsonFormatException(origin + " is not a JSON object (starts with " + describe(first) + ")");
            }
            Map<String, Object> fields = readObject(p);
            if (p.nextToken() != null) {
                throw new JsonFormatException(origin + " has text after the JSON object (line "
                        + p.currentLocation().getLineNr() + ")");
            }
            return new JsonDocument(fields, origin);
        } catch (JsonProcessingException e) {
            // Only the position: the parser's own message quotes the offending text, which may be a secret.
            // Some errors (the nesting limit) carry no location at all.
            if (e.getLocation() == null) {
                throw new JsonFormatException(origin + " is not valid JSON (nested too deep or too large)");
            }
            String what = "a number out of range".equals(e.getOriginalMessage()) ? " (a number out of range)" : "";
            throw new JsonFormatException(origin + " is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + what);
        } catch (IOException e) {
            throw new JsonFormatException(origin + " could not be read: " + e.getMessage());
        }
    }

    public String origin() {
        return origin;
    }

    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public boolean has(String name) {
        return fields.containsKey(name) && fields.get(name) != null;
    }

    /** A string field; absent or null gives empty, another type is an error naming the field. */
    public Optional<String> string(String name) {
        Object v = fields.get(name);
        if (v == null) return Optional.empty();
        if (!(v instanceof String)) {
            throw new JsonFormatException(origin + ": field \"" + name + "\" must be a string, not " + typeOf(v));
        }
        return Optional.of((String) v);
    }

    /** A string field that must be present and non-empty. */
    public String requiredString(String name) {
        String v = string(name).orElseThrow(() ->
                new JsonFormatException(origin + " has no \"" + name + "\" field"));
        if (v.isEmpty()) throw new JsonFormatException(origin + ": field \"" + name + "\" is empty");
        return v;
    }

    /** The raw value of a field: String, BigDecimal, Boolean, Map, List or null. */
    public Object raw(String name) {
        return fields.get(name);
    }

    public static String typeOf(Object v) {
        if (v == null) return "null";
        if (v instanceof String) return "a string";
        if (v instanceof BigDecimal) return "a number";
        if (v instanceof Boolean) return "a boolean";
        if (v instanceof Map) return "an object";
        return "an array";
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, readValue(p));
        }
        if (t != JsonToken.END_OBJECT) throw new IOException("unterminated object");
        return map;
    }

    private static List<Object> readArray(JsonParser p) throws IOException {
        List<Object> list = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) throw new IOException("unterminated array");
            list.add(readValue(p));
        }
        return list;
    }

    private static Object readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) throw new IOException("unexpected end of input");
        switch (t) {
            case START_OBJECT: return readObject(p);
            case START_ARRAY: return readArray(p);
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return boundedNumber(p);
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_NULL: return null;
            default: throw new IOException("unexpected " + t);
        }
    }

    private static BigDecimal boundedNumber(JsonParser p) throws IOException {
        BigDecimal n = p.getDecimalValue();
        if (n.signum() == 0) return BigDecimal.ZERO; // 0e999999999 too: no scale left to expand
        long exponent = (long) n.precision() - n.scale() - 1;
        if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT) {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "a number out of range", p.currentTokenLocation());
        }
        return n;
    }

    private static String describe(JsonToken t) {
        switch (t) {
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            default: return t.asString() == null ? t.name() : "'" + t.asString() + "'";
        }
    }
}
