package dev.stscreds.wire.sigv4;

import java.util.ArrayList;
import java.util.List;

/**
 * The path line of a canonical request.
 *
 * <p>For most services the raw (already encoded) path has its dot segments and empty segments
 * removed and is then encoded again, so {@code %2F} becomes {@code %252F}. S3 signs the path as
 * it is, encoded once: its object keys may hold {@code //} and {@code ./}.
 */
final class CanonicalPath {
    private CanonicalPath() {}

    static void append(String rawPath, boolean normalize, boolean doubleEncode, StringBuilder out) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        if (normalize) path = normalize(path);
        if (UriEncoding.isAlreadyCanonical(path, true)) {
            out.append(path);
        } else if (doubleEncode) {
            UriEncoding.encode(path, true, out);
        } else {
            UriEncoding.reencode(path, 0, path.length(), true, false, out);
        }
    }

    /**
     * Removes {@code .} and {@code ..} segments (RFC 3986 §5.2.4) and empty segments, and keeps a
     * trailing slash: {@code //a/./b/../c/} → {@code /a/c/}. As botocore does, a path ending in a
     * dot segment gets no trailing slash ({@code /a/b/..} → {@code /a}).
     */
    static String normalize(String path) {
        if (!needsNormalizing(path)) return path;
        List<String> kept = new ArrayList<>();
        int start = 0;
        int n = path.length();
        while (start <= n) {
            int end = path.indexOf('/', start);
            if (end < 0) end = n;
            String segment = path.substring(start, end);
            if (segment.equals("..")) {
                if (!kept.isEmpty()) kept.remove(kept.size() - 1);
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                kept.add(segment);
            }
            start = end + 1;
        }
        if (kept.isEmpty()) return "/";
        StringBuilder out = new StringBuilder(path.length());
        for (String segment : kept) out.append('/').append(segment);
        if (path.endsWith("/")) out.append('/');
        return out.toString();
    }

    /** True when the path does not start with '/', or has an empty, "." or ".." segment inside. */
    private static boolean needsNormalizing(String path) {
        if (path.charAt(0) != '/') return true;
        int n = path.length();
        for (int i = 1; i < n; i++) {
            char c = path.charAt(i);
            if (c == '/' && path.charAt(i - 1) == '/') return true;
            if (c == '.' && path.charAt(i - 1) == '/') {
                boolean single = i + 1 == n || path.charAt(i + 1) == '/';
                boolean dotDot = i + 1 < n && path.charAt(i + 1) == '.' && (i + 2 == n || path.charAt(i + 2) == '/');
                if (single || dotDot) return true;
            }
        }
        return false;
    }
}
