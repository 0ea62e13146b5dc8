package dev.stscreds.source;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.wire.JsonDocument;
import dev.stscreds.wire.JsonFormatException;
import dev.stscreds.wire.Timestamps;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/**
 * Reads what a {@code credential_process} printed (SPEC §4):
 * {@code {"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?, "AccountId"?}}.
 *
 * <p>The printed text holds a secret, so no error quotes it; only field names, types, the
 * {@code Version} and the {@code Expiration} (neither is secret) are named.
 */
final class CredentialProcessOutput {
    private CredentialProcessOutput() {}

    /**
     * @param label where the output came from, e.g. {@code credential_process in profile dev}; becomes
     *     the credentials' source
     * @param hint what to do when the output is wrong, added to every error
     */
    static Credentials parse(String stdout, String label, Clock clock, String hint) {
        String origin = "output of " + label;
        JsonDocument json;
        try {
            json = JsonDocument.parseObject(stdout, origin);
        } catch (JsonFormatException e) {
            throw new CredentialsException(e.getMessage(),
                    "the command must print only the JSON object on stdout (prompts and logs go to stderr"
                            + " or /dev/tty); " + hint);
        }
        try {
            checkVersion(json, origin);
            Credentials credentials = Credentials.builder()
                    .accessKeyId(json.requiredString("AccessKeyId"))
                    .secretAccessKey(json.requiredString("SecretAccessKey"))
                    .sessionToken(json.string("SessionToken").orElse(null))
                    .expiration(json.string("Expiration")
                            .map(text -> Timestamps.parseIso(text, "\"Expiration\" in the " + origin))
                            .orElse(null))
                    .accountId(json.string("AccountId").orElse(null))
                    .source(label)
                    .build();
            Instant now = clock.instant();
            if (credentials.isExpiredAt(now)) {
                throw new CredentialsException(label + " returned credentials that expired at "
                        + credentials.expiration().orElseThrow() + " (it is now " + now + ")",
                        "the command must print fresh credentials");
            }
            return credentials;
        } catch (CredentialsException e) {
            throw new CredentialsException(e.getMessage(), e.hint().map(h -> h + "; ").orElse("") + hint);
        } catch (IllegalArgumentException blank) {
            throw new CredentialsException(origin + ": " + blank.getMessage(), hint);
        }
    }

    private static void checkVersion(JsonDocument json, String origin) {
        Object version = json.raw("Version");
        if (version == null) {
            throw new CredentialsException(origin + " has no \"Version\" field; it must be the number 1");
        }
        if (version instanceof String && ((String) version).strip().equals("1")) {
            throw new CredentialsException(origin + ": \"Version\" is the string \"1\"; it must be the JSON number 1"
                    + " (write \"Version\": 1, without quotes)");
        }
        if (!(version instanceof BigDecimal)) {
            throw new CredentialsException(origin + ": \"Version\" must be the number 1, not " + JsonDocument.typeOf(version));
        }
        if (((BigDecimal) version).compareTo(BigDecimal.ONE) != 0) {
            String shown = ((BigDecimal) version).toString();
            throw new CredentialsException(origin + ": \"Version\" " + (shown.length() <= 20 ? shown : "(a long number)")
                    + " is not supported; only version 1 is");
        }
    }
}
