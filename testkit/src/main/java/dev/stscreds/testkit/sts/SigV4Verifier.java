package dev.stscreds.testkit.sts;

import dev.stscreds.testkit.LoopbackHttp.Request;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 on a request, the way the service does: rebuilds the canonical
 * request from what arrived, signs it with the caller's secret, compares signatures, and refuses
 * requests signed more than 15 minutes away from the server's clock. Written from the
 * specification, independently of the library's signer, so each can catch the other's mistakes.
 */
final class SigV4Verifier {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final Duration ALLOWED_SKEW = Duration.ofMinutes(15);
    static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
            + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

    /** The parts of an {@code Authorization: AWS4-HMAC-SHA256 …} header. */
    record Authorization(String accessKeyId, String date, String region, String service, List<String> signedHeaders,
            String signature) {
        String scope() {
            return date + "/" + region + "/" + service + "/aws4_request";
        }
    }

    private SigV4Verifier() {}

    /** Reads the header; a malformed one is answered {@code IncompleteSignature}, as AWS does. */
    static Authorization parse(String header) {
        String trimmed = header.trim();
        int space = trimmed.indexOf(' ');
        String algorithm = space < 0 ? trimmed : trimmed.substring(0, space);
        if (!algorithm.equals(ALGORITHM)) {
            throw new AwsError(400, "IncompleteSignature", "Unsupported AWS 'algorithm': '" + algorithm + "'");
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String part : trimmed.substring(space + 1).split(",")) {
            String p = part.trim();
            if (p.startsWith("Credential=")) credential = p.substring("Credential=".length());
            else if (p.startsWith("SignedHeaders=")) signedHeaders = p.substring("SignedHeaders=".length());
            else if (p.startsWith("Signature=")) signature = p.substring("Signature=".length());
        }
        List<String> missing = new ArrayList<>();
        if (credential == null) missing.add("Authorization header requires 'Credential' parameter.");
        if (signature == null) missing.add("Authorization header requires 'Signature' parameter.");
        if (signedHeaders == null) missing.add("Authorization header requires 'SignedHeaders' parameter.");
        if (!missing.isEmpty()) {
            throw new AwsError(400, "IncompleteSignature", String.join(" ", missing) + " Authorization=" + algorithm);
        }
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw new AwsError(400, "IncompleteSignature", "Credential should be scoped to a valid region, not '"
                    + (scope.length > 2 ? scope[2] : "") + "'. ");
        }
        return new Authorization(scope[0], scope[1], scope[2], scope[3], Arrays.asList(signedHeaders.split(";")), signature);
    }

    /** The request's signing time, from {@code X-Amz-Date} or else {@code Date}. */
    static Instant requestTime(Request r) {
        String amzDate = r.header("X-Amz-Date");
        try {
            if (amzDate != null) return Instant.from(AMZ_DATE.parse(amzDate.trim()));
            String date = r.header("Date");
            if (date != null) return ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new AwsError(400, "IncompleteSignature", "Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
        }
        throw new AwsError(400, "IncompleteSignature",
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    /**
     * Throws {@code SignatureDoesNotMatch} unless the request was signed with {@code secret} for
     * {@code a}'s scope, within {@link #ALLOWED_SKEW} of {@code now}.
     */
    static void verify(Request r, Authorization a, String secret, Instant now) {
        if (!a.signedHeaders().contains("host")) {
            throw AwsError.signatureDoesNotMatch("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        Instant signedAt = requestTime(r);
        String amzDate = AMZ_DATE.format(signedAt);
        if (!amzDate.startsWith(a.date())) {
            throw AwsError.signatureDoesNotMatch("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + a.date() + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        String payloadHash = hex(sha256(r.body()));
        String declaredHash = r.header("X-Amz-Content-Sha256");
        if (declaredHash != null && !declaredHash.trim().equals(payloadHash)) {
            throw AwsError.signatureDoesNotMatch("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        String expected = signature(canonicalRequest(r, a.signedHeaders(), payloadHash), a, amzDate, secret);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), a.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw AwsError.signatureDoesNotMatch(MISMATCH);
        }
        if (signedAt.isBefore(now.minus(ALLOWED_SKEW))) {
            throw AwsError.signatureDoesNotMatch("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(ALLOWED_SKEW))) {
            throw AwsError.signatureDoesNotMatch("Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(ALLOWED_SKEW)) + " (" + AMZ_DATE.format(now) + " + 15 min.)");
        }
    }

    static String canonicalRequest(Request r, List<String> signedHeaders, String payloadHash) {
        StringBuilder c = new StringBuilder();
        c.append(r.method()).append('\n');
        c.append(canonicalPath(r.path())).append('\n');
        c.append(canonicalQuery(r.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            List<String> values = r.headers().get(name);
            List<String> trimmed = new ArrayList<>();
            if (values != null) for (String v : values) trimmed.add(v.trim().replaceAll("\\s+", " "));
            c.append(name).append(':').append(String.join(",", trimmed)).append('\n');
        }
        c.append('\n').append(String.join(";", signedHeaders)).append('\n');
        c.append(payloadHash);
        return c.toString();
    }

    static String signature(String canonicalRequest, Authorization a, String amzDate, String secret) {
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + a.scope() + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), a.date());
        key = hmac(key, a.region());
        key = hmac(key, a.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** Dot segments removed, each segment encoded again (the double encoding of every service but S3). */
    static String canonicalPath(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) return "/";
        List<String> segments = new ArrayList<>();
        for (String s : rawPath.split("/", -1)) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) {
                if (!segments.isEmpty()) segments.remove(segments.size() - 1);
                continue;
            }
            segments.add(s);
        }
        StringBuilder path = new StringBuilder();
        for (String s : segments) path.append('/').append(encode(s));
        if (path.length() == 0 || (rawPath.endsWith("/") && !segments.isEmpty())) path.append('/');
        return path.toString();
    }

    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            pairs.add(new String[] {encode(k), encode(v)});
        }
        pairs.sort((x, y) -> x[0].equals(y[0]) ? x[1].compareTo(y[1]) : x[0].compareTo(y[0]));
        List<String> joined = new ArrayList<>();
        for (String[] p : pairs) joined.add(p[0] + "=" + p[1]);
        return String.join("&", joined);
    }

    /** RFC 3986 encoding: everything but unreserved characters as upper-case %XX of its UTF-8 bytes. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char ch = (char) (b & 0xff);
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
                    || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
                out.append(ch);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        // '+' in a query string is literal in SigV4, not a space
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
