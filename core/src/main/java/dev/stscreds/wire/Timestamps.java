package dev.stscreds.wire;

import dev.stscreds.CredentialsException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
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
        Instant plain = plainUtc(t);
        if (plain != null) return plain;
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

    /**
     * {@code 2026-11-22T11:20:45Z}, the form STS and the AWS CLI's cache write, read without the
     * java.time parser: its first use costs milliseconds of a cache hit's start-up. Null for any
     * other form (or an impossible date), which the full parser then reads or refuses.
     */
    static Instant plainUtc(String t) {
        if (t.length() != 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':' || t.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null; // 30 February: the full parser says what is wrong
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
    }

    /** The decimal number in {@code t[from, to)}, or -1 when a character is not a digit. */
    private static int digits(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static String abbreviate(String t) {
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }
}
