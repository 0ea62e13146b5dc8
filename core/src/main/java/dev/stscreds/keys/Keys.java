package dev.stscreds.keys;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.Secrets;
import java.util.regex.Pattern;

/** Checks that what a user hands in is a long-term access key pair before it is stored. */
public final class Keys {
    private static final Pattern KEY_ID = Pattern.compile("[A-Z0-9]{16,128}");

    private Keys() {}

    public static Credentials longTerm(String accessKeyId, String secretAccessKey, String source) {
        String id = accessKeyId == null ? "" : accessKeyId.trim();
        String secret = secretAccessKey == null ? "" : secretAccessKey.trim();
        if (!KEY_ID.matcher(id).matches()) {
            throw new CredentialsException("the access key id from " + source + " does not look like one ("
                    + Secrets.maskKeyId(id) + ")", "an access key id is 16 or more capital letters and digits, e.g. AKIA…");
        }
        if (id.startsWith("ASIA")) {
            throw new CredentialsException("the key from " + source + " is a temporary session key (" + Secrets.maskKeyId(id) + ")",
                    "store the long-term key (AKIA…) of the IAM user; sessions are made from it by stscreds");
        }
        if (secret.length() < 16) {
            throw new CredentialsException("the secret access key from " + source + " is missing or too short", null);
        }
        return Credentials.of(id, secret, source);
    }
}
