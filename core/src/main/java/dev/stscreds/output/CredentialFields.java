package dev.stscreds.output;

import dev.stscreds.Credentials;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The text of each field a format prints, before any quoting. Made from {@link Credentials},
 * whose values were checked where they entered; the formats still quote or refuse whatever a
 * field holds, so they are safe on their own (tests feed hostile fields through the constructor).
 *
 * @param sessionToken, expiration, accountId, region may be null
 */
public record CredentialFields(
        String accessKeyId, String secretAccessKey, String sessionToken, String expiration, String accountId, String region) {

    public static CredentialFields of(Credentials c, Optional<String> region) {
        return new CredentialFields(c.accessKeyId(), c.secretAccessKey(), c.sessionToken().orElse(null),
                c.expiration().map(DateTimeFormatter.ISO_INSTANT::format).orElse(null), c.accountId().orElse(null),
                region.orElse(null));
    }

    /** The environment variables, in the order the AWS CLI prints them, then the region. */
    public Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("AWS_ACCESS_KEY_ID", accessKeyId);
        v.put("AWS_SECRET_ACCESS_KEY", secretAccessKey);
        if (sessionToken != null) v.put("AWS_SESSION_TOKEN", sessionToken);
        if (expiration != null) v.put("AWS_CREDENTIAL_EXPIRATION", expiration);
        if (region != null) {
            v.put("AWS_REGION", region);
            v.put("AWS_DEFAULT_REGION", region);
        }
        return v;
    }

    @Override
    public String toString() {
        return "CredentialFields[secrets hidden]";
    }
}
