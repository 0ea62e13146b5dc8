package dev.stscreds.testkit.sso;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON the SSO endpoints read (request bodies) and write (answers, nested lists included). */
final class SsoJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private SsoJson() {}

    /** A request body as a map; an empty body is an empty object; anything else is {@code InvalidRequestException}. */
    static Map<String, Object> parseObject(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) return Map.of();
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw SsoError.invalidRequest("the body is not a JSON object");
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) read(p, JsonToken.START_OBJECT);
            return map;
        } catch (IOException e) {
            throw SsoError.invalidRequest("the body is not valid JSON");
        }
    }

    /** Writes strings, numbers, booleans, maps and lists; null values are left out, as AWS does. */
    static String write(Map<String, ?> object) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeValue(g, object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() == null) continue;
                g.writeFieldName(e.getKey().toString());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) writeValue(g, item);
            g.writeEndArray();
        } else if (v instanceof Long || v instanceof Integer) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(v.toString());
        }
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> map = new LinkedHashMap<>();
                for (JsonToken next = p.nextToken(); next != JsonToken.END_OBJECT; next = p.nextToken()) {
                    String name = p.currentName();
                    map.put(name, read(p, p.nextToken()));
                }
                return map;
            }
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                for (JsonToken next = p.nextToken(); next != JsonToken.END_ARRAY; next = p.nextToken()) {
                    list.add(read(p, next));
                }
                return list;
            }
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return p.getNumberValue();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_NULL: return null;
            default: throw new IOException("unexpected JSON token " + t);
        }
    }
}
