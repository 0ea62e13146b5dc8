package dev.stscreds;

import java.time.Instant;

/**
 * The checks every value passes where it enters stscreds (profile files, the environment,
 * {@code credential_process}, STS, IAM Identity Center, container and instance metadata, the
 * vault), before it can reach an output format, a file or a host name.
 *
 * <p>AWS issues key ids, secrets and session tokens made of letters, digits and {@code + / =};
 * other services that speak the same protocols add {@code _ . : -}. Nothing else is accepted: a
 * quote, a {@code $}, a space or a line break in a credential can only be an attack or a broken
 * peer. Regions follow botocore's host-label rule, since they become part of host names.
 * Errors name the field and where it came from, never the value.
 */
public final class CredentialValues {
    static final int MAX_KEY_ID = 128;
    static final int MAX_SECRET = 1024;
    static final int MAX_SESSION_TOKEN = 16384;
    private static final String ALLOWED = "letters, digits and + / = _ . : -";

    private CredentialValues() {}

    /** An access key id: letters, digits and {@code _}, at most 128 (IAM's pattern is {@code [\w]+}). */
    public static String accessKeyId(String value, String source) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || c == '_')) throw invalid("access key id", source, "letters, digits and _");
        }
        return checkLength(value, MAX_KEY_ID, "access key id", source);
    }

    public static String secretAccessKey(String value, String source) {
        return token(value, MAX_SECRET, "secret access key", source);
    }

    public static String sessionToken(String value, String source) {
        return token(value, MAX_SESSION_TOKEN, "session token", source);
    }

    /** An AWS account id: exactly 12 digits. */
    public static String accountId(String value, String source) {
        boolean ok = value.length() == 12;
        for (int i = 0; ok && i < value.length(); i++) ok = value.charAt(i) >= '0' && value.charAt(i) <= '9';
        if (!ok) {
            throw new CredentialsException("the account id from " + source + " is not 12 digits",
                    "check what " + source + " gives as its account id");
        }
        return value;
    }

    /** An IAM role name: 1 to 64 of letters, digits and {@code _ + = , . @ -} (IAM's pattern). */
    public static String roleName(String value, String source) {
        boolean ok = !value.isEmpty() && value.length() <= 64;
        for (int i = 0; ok && i < value.length(); i++) {
            char c = value.charAt(i);
            ok = isAsciiLetterOrDigit(c) || "_+=,.@-".indexOf(c) >= 0;
        }
        if (!ok) {
            throw new CredentialsException("a role name from " + source + " is not an IAM role name (1 to 64 letters, digits"
                    + " and _ + = , . @ -)", "check what " + source + " answers");
        }
        return value;
    }

    /** An expiry in years 1 to 9999, which every format and every SDK writes and reads in one form. */
    public static Instant expiration(Instant value, String source) {
        if (value.isBefore(Instant.parse("0001-01-01T00:00:00Z")) || value.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
            throw new CredentialsException("the expiration from " + source + " is outside the years 1 to 9999",
                    "check what " + source + " gives as its expiry time");
        }
        return value;
    }

    /**
     * A region name, as botocore checks it before it builds a host name: 1 to 63 letters, digits
     * and {@code -}, neither starting nor ending with {@code -}, and not only digits.
     *
     * @param source where it was set, e.g. {@code region in profile dev (~/.aws/config:3)}
     */
    public static String region(String value, String source) {
        boolean ok = !value.isEmpty() && value.length() <= 63 && value.charAt(0) != '-' && value.charAt(value.length() - 1) != '-';
        boolean allDigits = true;
        for (int i = 0; ok && i < value.length(); i++) {
            char c = value.charAt(i);
            ok = isAsciiLetterOrDigit(c) || c == '-';
            allDigits &= c >= '0' && c <= '9';
        }
        if (!ok || allDigits) {
            throw new CredentialsException("the " + source + " is not a region name: it must be 1 to 63 letters, digits"
                    + " and -, neither starting nor ending with -, not only digits (e.g. eu-west-1)",
                    "fix the " + source);
        }
        return value;
    }

    private static String token(String value, int max, String field, String source) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || c == '+' || c == '/' || c == '=' || c == '_' || c == '.' || c == ':' || c == '-')) {
                throw invalid(field, source, ALLOWED);
            }
        }
        return checkLength(value, max, field, source);
    }

    private static String checkLength(String value, int max, String field, String source) {
        if (value.length() > max) {
            throw new CredentialsException("the " + field + " from " + source + " is longer than " + max + " characters",
                    "check what " + source + " gives as its " + field);
        }
        return value;
    }

    private static CredentialsException invalid(String field, String source, String allowed) {
        return new CredentialsException("the " + field + " from " + source + " holds a character no " + field
                + " has (only " + allowed + "); it was not used",
                "check what " + source + " gives as its " + field + "; stscreds refuses values that could change"
                        + " what a shell or a file does with them");
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
