package dev.stscreds.wire;

import dev.stscreds.CredentialsException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reading the expiry times that AWS endpoints and tools write. */
public final class Timestamps {
    private Timestamps() {}

    /**
     * Parses an ISO-8601 instant as written by STS, IMDS, ECS and {@code credential_process}:
     * {@code 2026-11-22T11:20:45Z}, with or without fractional seconds, with {@code Z} or an
     * offset such as {@code +00:00}.
     *
     * @param what names the value in the error, e.g. {@code "Expiration in the container endpoint's answer"}
     */
    public static Instant parseIso(String text, String what) {
        String t = text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException notZ) {
            try {
                return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw new CredentialsException(what + " is not an ISO-8601 time: \"" + abbreviate(t) + "\"",
                        "expected a time such as 2026-11-22T11:20:45Z");
            }
        }
    }

    private static String abbreviate(String t) {
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }
}
