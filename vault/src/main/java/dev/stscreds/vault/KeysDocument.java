package dev.stscreds.vault;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.stscreds.Credentials;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.JsonFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The small JSON document a backend without its own structure (pass, the kernel keyring) keeps
 * per profile: {@code {"accessKeyId":…,"secretAccessKey":…,"accountId":…}}.
 */
public final class KeysDocument {
    private static final JsonFactory JSON = new JsonFactory();

    private KeysDocument() {}

    public static byte[] encode(Credentials keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("accessKeyId", keys.accessKeyId());
            g.writeStringField("secretAccessKey", keys.secretAccessKey());
            if (keys.accountId().isPresent()) g.writeStringField("accountId", keys.accountId().get());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The keys, or empty when the document is not one of ours (never quotes the content). */
    public static Optional<Credentials> decode(byte[] document, String source) {
        try {
            JsonDocument json = JsonDocument.parseObject(new String(document, StandardCharsets.UTF_8).strip(), "keys");
            return Optional.of(Credentials.builder()
                    .accessKeyId(json.requiredString("accessKeyId"))
                    .secretAccessKey(json.requiredString("secretAccessKey"))
                    .accountId(json.string("accountId").orElse(null))
                    .source(source)
                    .build());
        } catch (JsonFormatException e) {
            return Optional.empty();
        }
    }

    /** Rejects names that would escape their folder or key namespace. */
    public static void requireName(String what, String name) {
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.startsWith(".")
                || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " name must be non-empty, without '/', '\\', control characters or a leading '.'");
        }
    }
}
