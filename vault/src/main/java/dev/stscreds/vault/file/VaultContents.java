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
 * {@code {"profiles":{"dev":{"accessKeyId":"…","secretAccessKey":"…","accountId":"…"}},
 * "privateKeys":{"host-7":"<base64 PKCS#8>"}}}.
 * Unknown fields are skipped so that a later version can add some.
 */
final class VaultContents {
    private static final JsonFactory JSON = new JsonFactory();

    /** What the vault holds: long-term keys by profile, private keys by name. */
    static final class Contents {
        final Map<String, Credentials> profiles = new TreeMap<>();
        final Map<String, byte[]> privateKeys = new TreeMap<>();

        /** Zeroes the private keys' bytes. */
        void wipe() {
            privateKeys.values().forEach(k -> Arrays.fill(k, (byte) 0));
        }
    }

    private VaultContents() {}

    static byte[] encode(Contents contents) {
        Map<String, Credentials> profiles = contents.profiles;
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
            if (!contents.privateKeys.isEmpty()) {
                g.writeObjectFieldStart("privateKeys");
                for (Map.Entry<String, byte[]> e : contents.privateKeys.entrySet()) {
                    g.writeFieldName(e.getKey());
                    g.writeBinary(e.getValue());
                }
                g.writeEndObject();
            }
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
    static Contents decode(byte[] plaintext) throws IOException {
        Contents contents = new Contents();
        Map<String, Credentials> profiles = contents.profiles;
        try (JsonParser p = JSON.createParser(plaintext)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("privateKeys") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        expect(p.nextToken(), JsonToken.VALUE_STRING);
                        contents.privateKeys.put(name, p.getBinaryValue());
                    }
                    continue;
                }
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
        return contents;
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
