package dev.stscreds.vault.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.stscreds.Credentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plaintext inside the vault: one JSON object,
 * {@code {"profiles":{"dev":{"accessKeyId":"…","secretAccessKey":"…","accountId":"…"}}}}.
 * Unknown fields are skipped so that a later version can add some.
 */
final class VaultContents {
    private static final JsonFactory JSON = new JsonFactory();

    private VaultContents() {}

    static byte[] encode(Map<String, Credentials> profiles) {
        WipeableBuffer out = new WipeableBuffer();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("profiles");
            for (Map.Entry<String, Credentials> e : new TreeMap<>(profiles).entrySet()) {
                Credentials keys = e.getValue();
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("accessKeyId", keys.accessKeyId());
                g.writeStringField("secretAccessKey", keys.secretAccessKey());
                if (keys.accountId().isPresent()) g.writeStringField("accountId", keys.accountId().get());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the vault contents", e);
        }
        try {
            return out.toByteArray();
        } finally {
            out.wipe();
        }
    }

    /**
     * Reads decrypted contents.
     *
     * @throws IOException when the plaintext is not the expected JSON (never quoted in the message)
     */
    static Map<String, Credentials> decode(byte[] plaintext) throws IOException {
        Map<String, Credentials> profiles = new TreeMap<>();
        try (JsonParser p = JSON.createParser(plaintext)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (!field.equals("profiles")) {
                    p.skipChildren();
                    continue;
                }
                expect(value, JsonToken.START_OBJECT);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String profile = p.currentName();
                    expect(p.nextToken(), JsonToken.START_OBJECT);
                    profiles.put(profile, readKeys(p));
                }
            }
        }
        return profiles;
    }

    private static Credentials readKeys(JsonParser p) throws IOException {
        Credentials.Builder keys = Credentials.builder();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (value != JsonToken.VALUE_STRING) {
                p.skipChildren();
                continue;
            }
            switch (field) {
                case "accessKeyId": keys.accessKeyId(p.getText()); break;
                case "secretAccessKey": keys.secretAccessKey(p.getText()); break;
                case "accountId": keys.accountId(p.getText()); break;
                default: break;
            }
        }
        try {
            return keys.build();
        } catch (IllegalArgumentException e) {
            throw new IOException("an entry lacks its keys");
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) throw new IOException("expected " + expected + " but found " + actual);
    }

    /** A byte buffer whose last backing array can be wiped after use. */
    private static final class WipeableBuffer extends ByteArrayOutputStream {
        void wipe() {
            Arrays.fill(buf, (byte) 0);
        }
    }
}
