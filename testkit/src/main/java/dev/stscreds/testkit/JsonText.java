package dev.stscreds.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes the flat JSON objects the local endpoints answer with, fields in the order given. */
final class JsonText {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final Map<String, String> fields = new LinkedHashMap<>();

    static JsonText object() {
        return new JsonText();
    }

    JsonText field(String name, String value) {
        fields.put(name, value);
        return this;
    }

    String write() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter(); // the real endpoints answer pretty-printed
            g.writeStartObject();
            for (Map.Entry<String, String> f : fields.entrySet()) {
                g.writeStringField(f.getKey(), f.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The {@code {"code", "message"}} error body of the container endpoints. */
    static String error(String code, String message) {
        return object().field("code", code).field("message", message).write();
    }
}
