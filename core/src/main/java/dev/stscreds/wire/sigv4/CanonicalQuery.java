package dev.stscreds.wire.sigv4;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The query line of a canonical request: each parameter's name and value decoded and re-encoded
 * (RFC 3986, {@code +} read as a space), a name without {@code =} given an empty value, sorted by
 * encoded name and then encoded value, joined with {@code &}. Repeated names are all kept.
 */
final class CanonicalQuery {
    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);

    private CanonicalQuery() {}

    static void append(String rawQuery, StringBuilder out) {
        if (rawQuery == null || rawQuery.isEmpty()) return;
        String[][] params = new String[count(rawQuery)][];
        int size = 0;
        StringBuilder scratch = new StringBuilder();
        int start = 0;
        int n = rawQuery.length();
        while (start <= n) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) end = n;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                params[size++] = new String[] {
                    encoded(rawQuery, start, nameEnd, scratch),
                    nameEnd == end ? "" : encoded(rawQuery, nameEnd + 1, end, scratch)
                };
            }
            start = end + 1;
        }
        if (size > 1) Arrays.sort(params, 0, size, BY_NAME_THEN_VALUE);
        for (int i = 0; i < size; i++) {
            if (i > 0) out.append('&');
            out.append(params[i][0]).append('=').append(params[i][1]);
        }
    }

    private static String encoded(String s, int from, int to, StringBuilder scratch) {
        scratch.setLength(0);
        UriEncoding.reencode(s, from, to, false, true, scratch);
        return scratch.toString();
    }

    private static int count(String rawQuery) {
        int parts = 1;
        for (int i = 0; i < rawQuery.length(); i++) {
            if (rawQuery.charAt(i) == '&') parts++;
        }
        return parts;
    }
}
