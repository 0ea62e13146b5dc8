package dev.stscreds.cache;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import dev.stscreds.config.Settings;
import java.nio.file.Path;
import java.util.Map;

/**
 * A session of the AWS CLI's cache read with nothing but the JDK's base classes, for the start-up of
 * a cache hit: given only when the file is plain (see {@link PlainJson}), its values are in the
 * characters AWS issues (so they need no quoting anywhere), its expiry is one of the three forms STS,
 * botocore and stscreds write, and it has more than {@link CliSessionCache#EXPIRY_WINDOW} left.
 * Otherwise {@code null}, and the caller goes through {@link CliSessionCache}, which reads every form
 * and says what is wrong.
 */
public final class PlainCachedSession {
    private static final int MAX_BYTES = 64 * 1024;
    /** {@link CliSessionCache#EXPIRY_WINDOW}, without loading that class (and the JSON library with it). */
    static final long EXPIRY_WINDOW_MILLIS = 15 * 60 * 1000;

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String expiration;
    private final String accountId;

    private PlainCachedSession(String accessKeyId, String secretAccessKey, String sessionToken, String expiration,
                               String accountId) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.expiration = expiration;
        this.accountId = accountId;
    }

    /** Where {@link CliSessionCache#forSettings} keeps the session of {@code key}. */
    public static Path file(Settings settings, String key) {
        return settings.home().resolve(".aws").resolve("cli").resolve("cache").resolve(key.concat(".json"));
    }

    /** The session in {@code file} if it is plain and usable at {@code nowMillis}, else null. */
    public static PlainCachedSession read(Path file, long nowMillis) {
        File f = file.toFile();
        if (!f.isFile() || f.length() > MAX_BYTES) return null;
        byte[] bytes;
        try (FileInputStream in = new FileInputStream(f)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return null;
        }
        if (bytes.length > MAX_BYTES) return null;
        for (byte b : bytes) {
            if (b < 0) return null; // ASCII only: the rest is the full reader's business
        }
        Map<String, Object> doc = PlainJson.parseObject(new String(bytes, StandardCharsets.ISO_8859_1));
        if (doc == null || !(doc.get("Credentials") instanceof Map<?, ?> credentials)) return null;
        String id = credentials.get("AccessKeyId") instanceof String s && keyId(s) ? s : null;
        String secret = credentials.get("SecretAccessKey") instanceof String s && base64(s) ? s : null;
        String token = credentials.get("SessionToken") instanceof String s && base64(s) ? s : null;
        String expiration = credentials.get("Expiration") instanceof String s ? utcSeconds(s) : null;
        if (id == null || secret == null || token == null || expiration == null) return null;
        if (nowMillis >= epochMillis(expiration) - EXPIRY_WINDOW_MILLIS) return null;
        String account;
        Object explicit = credentials.get("AccountId");
        Object user = doc.get("AssumedRoleUser");
        if (explicit != null) {
            if (!(explicit instanceof String s) || !twelveDigits(s)) return null;
            account = s;
        } else if (user == null) {
            account = null;
        } else {
            if (!(user instanceof Map<?, ?> u) || u.get("Arn") != null && !(u.get("Arn") instanceof String)) return null;
            account = u.get("Arn") instanceof String arn ? accountOf(arn) : null;
        }
        return new PlainCachedSession(id, secret, token, expiration, account);
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public String sessionToken() {
        return sessionToken;
    }

    /** The expiry as {@code 2026-11-22T11:20:45Z}. */
    public String expiration() {
        return expiration;
    }

    /** The account id, or null when the cache does not tell. */
    public String accountId() {
        return accountId;
    }

    @Override
    public String toString() {
        return "PlainCachedSession[" + accessKeyId.substring(0, 4) + "…, expires " + expiration + "]";
    }

    /** The fifth field of an ARN if it is an account id, as {@link CliSessionCache} takes it. */
    private static String accountOf(String arn) {
        int from = 0;
        for (int field = 0; field < 4; field++) {
            from = arn.indexOf(':', from) + 1;
            if (from == 0) return null;
        }
        int to = arn.indexOf(':', from);
        String account = arn.substring(from, to < 0 ? arn.length() : to);
        return twelveDigits(account) ? account : null;
    }

    /**
     * {@code 2026-11-22T11:20:45} followed by {@code Z}, {@code UTC} (botocore's cache) or {@code +00:00},
     * as {@code 2026-11-22T11:20:45Z}; null for any other form or an impossible date.
     */
    static String utcSeconds(String t) {
        if (t.length() < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        String zone = t.substring(19);
        if (!zone.equals("Z") && !zone.equals("UTC") && !zone.equals("+00:00")) return null;
        int year = number(t, 0, 4);
        int month = number(t, 5, 7);
        int day = number(t, 8, 10);
        int hour = number(t, 11, 13);
        int minute = number(t, 14, 16);
        int second = number(t, 17, 19);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return t.substring(0, 19).concat("Z");
    }

    static long epochMillis(String utcSeconds) {
        int year = number(utcSeconds, 0, 4);
        int month = number(utcSeconds, 5, 7);
        long days = 0;
        for (int y = 1970; y < year; y++) days += leap(y) ? 366 : 365;
        for (int m = 1; m < month; m++) days += daysIn(year, m);
        days += number(utcSeconds, 8, 10) - 1;
        long seconds = days * 86_400 + number(utcSeconds, 11, 13) * 3_600L + number(utcSeconds, 14, 16) * 60L
                + number(utcSeconds, 17, 19);
        return seconds * 1000;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> leap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    private static boolean leap(int year) {
        return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    /** The digits from {@code from} to {@code to}, or -1 if any is not a digit. */
    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean twelveDigits(String s) {
        if (s.length() != 12) return false;
        for (int i = 0; i < 12; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        }
        return true;
    }

    /** An access key id as AWS issues them: 16 to 128 upper-case letters and digits. */
    private static boolean keyId(String s) {
        if (s.length() < 16 || s.length() > 128) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) return false;
        }
        return true;
    }

    /** Base64 characters, the alphabet of AWS secrets and session tokens. */
    private static boolean base64(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=')) {
                return false;
            }
        }
        return true;
    }
}
