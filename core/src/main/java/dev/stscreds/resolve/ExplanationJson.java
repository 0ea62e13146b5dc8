package dev.stscreds.resolve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes an {@link Explanation} as JSON (jackson-core streaming; the explanation holds no secret). */
public final class ExplanationJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ExplanationJson() {}

    public static String write(Explanation e) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("target", e.target());
            if (e.profileName().isPresent()) g.writeStringField("profile", e.profileName().get());
            g.writeBooleanField("resolved", e.resolved());
            if (e.deciding().isPresent()) g.writeStringField("decidingSource", e.deciding().get().source());

            g.writeArrayFieldStart("sources");
            for (SourceReport s : e.sources()) {
                g.writeStartObject();
                g.writeStringField("source", s.source());
                g.writeStringField("status", s.status().word());
                g.writeStringField("detail", s.detail());
                g.writeEndObject();
            }
            g.writeEndArray();

            g.writeArrayFieldStart("profileChain");
            for (Explanation.ChainStep step : e.profileChain()) {
                g.writeStartObject();
                g.writeStringField("profile", step.profile());
                g.writeStringField("summary", step.summary());
                writeKeys(g, "keysUsed", step.keysUsed());
                g.writeEndObject();
            }
            g.writeEndArray();

            writeKeys(g, "keys", e.keys());

            g.writeArrayFieldStart("warnings");
            for (String w : e.warnings()) g.writeString(w);
            g.writeEndArray();

            g.writeArrayFieldStart("settingsInEffect");
            for (String line : e.settingsInEffect()) g.writeString(line);
            g.writeEndArray();

            if (e.credentials().isPresent()) {
                Explanation.ResolvedCredentials c = e.credentials().get();
                g.writeObjectFieldStart("credentials");
                g.writeStringField("accessKeyId", c.accessKeyId());
                g.writeStringField("source", c.source());
                g.writeBooleanField("temporary", c.temporary());
                if (c.expiration().isPresent()) g.writeStringField("expiration", c.expiration().get().toString());
                if (c.accountId().isPresent()) g.writeStringField("accountId", c.accountId().get());
                g.writeEndObject();
            }
            if (e.failure().isPresent()) {
                g.writeObjectFieldStart("failure");
                g.writeStringField("message", e.failure().get().message());
                if (e.failure().get().hint().isPresent()) g.writeStringField("hint", e.failure().get().hint().get());
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toString();
    }

    private static void writeKeys(JsonGenerator g, String field, List<Explanation.ExplainedKey> keys) throws IOException {
        g.writeArrayFieldStart(field);
        for (Explanation.ExplainedKey k : keys) {
            g.writeStartObject();
            g.writeStringField("profile", k.profile());
            g.writeStringField("key", k.key());
            g.writeStringField("value", k.value());
            g.writeStringField("location", k.location());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
