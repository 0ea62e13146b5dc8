package dev.stscreds.resolve;

import dev.stscreds.Secrets;
import java.util.Locale;
import java.util.Set;

/** How a profile key's value may be shown: key ids masked, secrets never. */
final class KeyMasking {
    private static final Set<String> SECRET_KEYS = Set.of("aws_secret_access_key", "aws_session_token", "aws_security_token");

    private KeyMasking() {}

    static String display(String key, String value) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.equals("aws_access_key_id")) return Secrets.maskKeyId(value);
        if (SECRET_KEYS.contains(k) || (k.contains("secret") && !k.endsWith("_file"))) return Secrets.maskSecret(value);
        return value;
    }
}
