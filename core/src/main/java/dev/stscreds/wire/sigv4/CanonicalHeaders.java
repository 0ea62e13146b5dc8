package dev.stscreds.wire.sigv4;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header lines of a canonical request and the signed-headers list: names lower-cased and
 * sorted, values trimmed with inner whitespace runs (folded lines included) collapsed to one
 * space, repeated headers joined with {@code ,} in the order they were given.
 */
final class CanonicalHeaders {
    /**
     * Names never signed (botocore's list): hop-by-hop headers, and headers that proxies and HTTP
     * clients add, drop or rewrite on the way.
     */
    private static final Set<String> UNSIGNED = Set.of("connection", "expect", "keep-alive",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
            "user-agent", "x-amzn-trace-id");

    private static final Comparator<String[]> BY_NAME = Comparator.comparing(h -> h[0]);

    private CanonicalHeaders() {}

    /**
     * Appends the header lines (each ending in a newline) to {@code canonical} and the signed
     * header names to {@code signedHeaders}.
     */
    static void append(List<HttpHeader> headers, StringBuilder canonical, StringBuilder signedHeaders) {
        String[][] lines = new String[headers.size()][];
        int size = 0;
        for (HttpHeader h : headers) {
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!UNSIGNED.contains(name)) lines[size++] = new String[] {name, h.value()};
        }
        // a stable sort keeps repeated headers in their given order
        if (size > 1) Arrays.sort(lines, 0, size, BY_NAME);
        for (int i = 0; i < size; i++) {
            String name = lines[i][0];
            boolean repeat = i > 0 && lines[i - 1][0].equals(name);
            if (repeat) {
                canonical.append(',');
            } else {
                if (i > 0) {
                    canonical.append('\n');
                    signedHeaders.append(';');
                }
                canonical.append(name).append(':');
                signedHeaders.append(name);
            }
            appendTrimmedCollapsed(lines[i][1], canonical);
        }
        if (size > 0) canonical.append('\n');
    }

    static void appendTrimmedCollapsed(String value, StringBuilder out) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) start++;
        while (end > start && isSpace(value.charAt(end - 1))) end--;
        boolean pendingSpace = false;
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (isSpace(c)) {
                pendingSpace = true;
            } else {
                if (pendingSpace) out.append(' ');
                pendingSpace = false;
                out.append(c);
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
