package dev.stscreds.x509;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code pkcs11:} URI (RFC 7512) as far as a signing key needs it: {@code token}, {@code object},
 * {@code slot-id}, {@code id} in the path; {@code pin-value}, {@code pin-source} and {@code module-path}
 * in the query. {@link #toString()} never shows the PIN.
 */
public final class Pkcs11Uri {
    private final Map<String, String> attributes;

    private Pkcs11Uri(Map<String, String> attributes) {
        this.attributes = attributes;
    }

    public static boolean isPkcs11(String value) {
        return value != null && value.regionMatches(true, 0, "pkcs11:", 0, 7);
    }

    public static Pkcs11Uri parse(String uri) {
        if (!isPkcs11(uri)) throw new X509Exception("\"" + uri + "\" is not a pkcs11: URI", "write it as pkcs11:token=NAME;object=LABEL");
        String rest = uri.substring(7);
        int q = rest.indexOf('?');
        Map<String, String> attributes = new LinkedHashMap<>();
        add(attributes, q < 0 ? rest : rest.substring(0, q), ";");
        if (q >= 0) add(attributes, rest.substring(q + 1), "&");
        return new Pkcs11Uri(attributes);
    }

    public Optional<String> token() {
        return get("token");
    }

    /** The object's label (CKA_LABEL): the key and its certificate share it. */
    public Optional<String> object() {
        return get("object");
    }

    public Optional<Long> slotId() {
        try {
            return get("slot-id").map(Long::parseLong);
        } catch (NumberFormatException e) {
            throw new X509Exception("the pkcs11: URI has a slot-id that is not a number", "write slot-id as a decimal number");
        }
    }

    public Optional<String> pinValue() {
        return get("pin-value");
    }

    public Optional<String> pinSource() {
        return get("pin-source");
    }

    public Optional<String> modulePath() {
        return get("module-path");
    }

    private Optional<String> get(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    private static void add(Map<String, String> into, String part, String separator) {
        for (String pair : part.split(separator)) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new X509Exception("the pkcs11: URI has an attribute without a value", "write attributes as name=value");
            into.put(pair.substring(0, eq).toLowerCase(Locale.ROOT), decode(pair.substring(eq + 1)));
        }
    }

    private static String decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                try {
                    out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    continue;
                } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                    throw new X509Exception("the pkcs11: URI has a bad %-escape", "escape bytes as %XX");
                }
            }
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("pkcs11:");
        attributes.forEach((k, v) -> {
            if (!k.equals("pin-value")) s.append(k).append('=').append(v).append(';');
        });
        return s.toString();
    }
}
