package dev.stscreds.wire.sigv4;

/**
 * RFC 3986 percent-encoding as SigV4 wants it: every byte of the UTF-8 form is written as
 * {@code %XY} (upper-case hex) except the unreserved characters {@code A-Z a-z 0-9 - . _ ~}.
 */
final class UriEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] UNRESERVED = new boolean[128];

    static {
        for (char c = 'A'; c <= 'Z'; c++) UNRESERVED[c] = true;
        for (char c = 'a'; c <= 'z'; c++) UNRESERVED[c] = true;
        for (char c = '0'; c <= '9'; c++) UNRESERVED[c] = true;
        UNRESERVED['-'] = UNRESERVED['.'] = UNRESERVED['_'] = UNRESERVED['~'] = true;
    }

    private UriEncoding() {}

    static boolean isUnreserved(char c) {
        return c < 128 && UNRESERVED[c];
    }

    /** True when encoding {@code s} would change nothing (only unreserved characters, plus '/' if kept). */
    static boolean isAlreadyCanonical(String s, boolean keepSlash) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isUnreserved(c) && !(keepSlash && c == '/')) return false;
        }
        return true;
    }

    /**
     * Encodes {@code s} as it is: a {@code %} in it becomes {@code %25}. This is the "double
     * encoding" AWS applies to already-encoded paths for every service but S3.
     */
    static void encode(String s, boolean keepSlash, StringBuilder out) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append(c);
            } else if (c < 0x80) {
                appendByte(c, out);
            } else {
                i = appendUtf8(s, i, out);
            }
        }
    }

    /**
     * Brings an already (perhaps partly) encoded component to canonical form: {@code %XY} escapes
     * are decoded to their byte and that byte re-encoded, other characters are encoded. An escaped
     * slash stays {@code %2F} even when literal slashes are kept. With {@code plusIsSpace} (query
     * strings) a {@code +} means a space, as in HTML forms.
     */
    static void reencode(String s, int from, int to, boolean keepSlash, boolean plusIsSpace, StringBuilder out) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%' && isEscape(s, i, to)) {
                int b = (hexValue(s.charAt(i + 1)) << 4) | hexValue(s.charAt(i + 2));
                if (isUnreserved((char) b)) out.append((char) b); else appendByte(b, out);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.append("%20");
            } else if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append(c);
            } else if (c < 0x80) {
                appendByte(c, out);
            } else {
                i = appendUtf8(s, i, out);
            }
        }
    }

    private static boolean isEscape(String s, int i, int to) {
        return i + 2 < to && hexValue(s.charAt(i + 1)) >= 0 && hexValue(s.charAt(i + 2)) >= 0;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    }

    private static void appendByte(int b, StringBuilder out) {
        out.append('%').append(HEX[(b >>> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    /** Appends the UTF-8 escapes of the code point at {@code i}; returns the index of its last char. */
    private static int appendUtf8(String s, int i, StringBuilder out) {
        char c = s.charAt(i);
        int cp = c;
        int last = i;
        if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
            cp = Character.toCodePoint(c, s.charAt(i + 1));
            last = i + 1;
        } else if (Character.isSurrogate(c)) {
            cp = '?'; // an unpaired surrogate has no UTF-8 form; String.getBytes writes '?' too
        }
        if (cp < 0x80) {
            appendByte(cp, out);
        } else if (cp < 0x800) {
            appendByte(0xC0 | (cp >>> 6), out);
            appendByte(0x80 | (cp & 0x3F), out);
        } else if (cp < 0x10000) {
            appendByte(0xE0 | (cp >>> 12), out);
            appendByte(0x80 | ((cp >>> 6) & 0x3F), out);
            appendByte(0x80 | (cp & 0x3F), out);
        } else {
            appendByte(0xF0 | (cp >>> 18), out);
            appendByte(0x80 | ((cp >>> 12) & 0x3F), out);
            appendByte(0x80 | ((cp >>> 6) & 0x3F), out);
            appendByte(0x80 | (cp & 0x3F), out);
        }
        return last;
    }
}
