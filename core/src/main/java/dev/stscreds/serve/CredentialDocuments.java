package dev.stscreds.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.Credentials;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The JSON documents the container endpoint and instance metadata hand out (SPEC §5). */
final class CredentialDocuments {
    private static final JsonFactory JSON = new JsonFactory();

    private CredentialDocuments() {}

    /** The container endpoint's answer: AccessKeyId, SecretAccessKey, Token, Expiration, AccountId when known. */
    static String container(Credentials c) {
        return write(g -> {
            g.writeStringField("AccessKeyId", c.accessKeyId());
            g.writeStringField("SecretAccessKey", c.secretAccessKey());
            g.writeStringField("Token", c.sessionToken().orElseThrow());
            g.writeStringField("Expiration", iso(c.expiration().orElseThrow()));
            if (c.accountId().isPresent()) g.writeStringField("AccountId", c.accountId().get());
        });
    }

    /** Instance metadata's {@code security-credentials/ROLE} document. */
    static String instanceMetadata(Credentials c, Instant lastUpdated) {
        return write(g -> {
            g.writeStringField("Code", "Success");
            g.writeStringField("LastUpdated", iso(lastUpdated));
            g.writeStringField("Type", "AWS-HMAC");
            g.writeStringField("AccessKeyId", c.accessKeyId());
            g.writeStringField("SecretAccessKey", c.secretAccessKey());
            g.writeStringField("Token", c.sessionToken().orElseThrow());
            g.writeStringField("Expiration", iso(c.expiration().orElseThrow()));
            if (c.accountId().isPresent()) g.writeStringField("AccountId", c.accountId().get());
        });
    }

    static String error(String code, String message) {
        return write(g -> {
            g.writeStringField("code", code);
            g.writeStringField("message", message);
        });
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Fields fields) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
