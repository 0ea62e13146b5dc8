package dev.stscreds.cache;

import java.util.HashMap;
import java.util.Map;

/**
 * A JSON object read only if it is plain: strings without escapes or control characters, no name
 * twice in an object, at most 16 levels deep. Objects become maps, strings strings, and every other
 * value (numbers, arrays, true, false, null) {@link #OTHER}: numbers are checked, never converted.
 * Anything else gives {@code null}, and the caller reads the text with the full JSON reader.
 *
 * <p>For the start-up of a cache hit: the JSON library's reader and its classes cost more than the
 * few fields a cached session needs.
 */
final class PlainJson {
    /** Any value that is not an object or a string. */
    static final Object OTHER = new Object();
    private static final int MAX_DEPTH = 16;

    private final String text;
    private int at;
    private boolean failed;

    private PlainJson(String text) {
        this.text = text;
    }

    /** The object {@code text} holds, or null. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parseObject(String text) {
        PlainJson p = new PlainJson(text);
        p.skipSpace();
        if (p.peek() != '{') return null;
        Object value = p.value(0);
        p.skipSpace();
        return p.failed || p.at != text.length() ? null : (Map<String, Object>) value;
    }

    private Object value(int depth) {
        if (failed || depth > MAX_DEPTH) return fail();
        char c = peek();
        if (c == '{') return object(depth);
        if (c == '[') return array(depth);
        if (c == '"') return string();
        if (c == '-' || c >= '0' && c <= '9') return number();
        if (literal("true") || literal("false") || literal("null")) return OTHER;
        return fail();
    }

    private Object object(int depth) {
        Map<String, Object> map = new HashMap<>();
        at++;
        skipSpace();
        if (peek() == '}') {
            at++;
            return map;
        }
        while (!failed) {
            skipSpace();
            if (peek() != '"') return fail();
            String name = string();
            skipSpace();
            if (failed || peek() != ':') return fail();
            at++;
            skipSpace();
            Object value = value(depth + 1);
            if (failed || map.put(name, value) != null) return fail();
            skipSpace();
            char c = peek();
            at++;
            if (c == '}') return map;
            if (c != ',') return fail();
        }
        return null;
    }

    private Object array(int depth) {
        at++;
        skipSpace();
        if (peek() == ']') {
            at++;
            return OTHER;
        }
        while (!failed) {
            skipSpace();
            value(depth + 1);
            skipSpace();
            char c = peek();
            at++;
            if (c == ']') return OTHER;
            if (c != ',') return fail();
        }
        return null;
    }

    private String string() {
        int start = ++at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') return text.substring(start, at++);
            if (c == '\\' || c < 0x20) break;
            at++;
        }
        fail();
        return null;
    }

    /** RFC 8259's number grammar. */
    private Object number() {
        if (peek() == '-') at++;
        if (peek() == '0') at++;
        else if (!digits()) return fail();
        if (peek() == '.') {
            at++;
            if (!digits()) return fail();
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            if (peek() == '+' || peek() == '-') at++;
            if (!digits()) return fail();
        }
        return OTHER;
    }

    private boolean digits() {
        int start = at;
        while (peek() >= '0' && peek() <= '9') at++;
        return at > start;
    }

    private boolean literal(String word) {
        if (!text.startsWith(word, at)) return false;
        at += word.length();
        return true;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private Object fail() {
        failed = true;
        return null;
    }
}
