package dev.stscreds.cache;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The text Python's {@code json.dumps(value, sort_keys=True)} writes, with its defaults
 * (separators {@code ", "} and {@code ": "}, or the compact {@code ","} and {@code ":"}): every character outside printable ASCII escaped as
 * {@code \\uXXXX} (lower-case hex, UTF-16 units, so astral characters become surrogate pairs),
 * keys sorted by code point, integers bare and floats as Python's {@code repr}.
 *
 * <p>Values: {@link String}, {@link Boolean}, {@code null}, {@link Integer}, {@link Long},
 * {@link Short}, {@link Byte}, {@link BigInteger} (Python int), {@link Double}, {@link Float}
 * (Python float), {@link BigDecimal} (an int when its scale is 0, as JSON {@code 12} parses, else
 * a float, as {@code 1.5} or {@code 1e3} parse), {@link Map} with String keys, and {@link List}.
 */
public final class PythonJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Python compares str by code point; String.compareTo compares UTF-16 units, which differs past U+FFFF. */
    static final Comparator<String> BY_CODE_POINT = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private PythonJson() {}

    /** Python's default separators, as {@code json.dumps(value, sort_keys=True)}. */
    private static final Separators DEFAULT = new Separators(", ", ": ", true);
    /** {@code separators=(',', ':')}, as botocore writes the key of a cached IAM Identity Center role. */
    private static final Separators COMPACT = new Separators(",", ":", true);
    /** Plain {@code json.dumps(value)}: keys in the map's own order, as Python keeps a dict's insertion order. */
    private static final Separators UNSORTED = new Separators(", ", ": ", false);

    private record Separators(String item, String key, boolean sortKeys) {}

    /** {@code json.dumps(value)} with keys in the maps' iteration order (use a LinkedHashMap). */
    public static String dumps(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out, UNSORTED);
        return out.toString();
    }

    static String dumpsSortedKeys(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out, DEFAULT);
        return out.toString();
    }

    /** {@code json.dumps(value, sort_keys=True, separators=(',', ':'))}. */
    static String dumpsSortedKeysCompact(Object value) {
        StringBuilder out = new StringBuilder(128);
        write(value, out, COMPACT);
        return out.toString();
    }

    private static void write(Object v, StringBuilder out, Separators separators) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String) {
            writeString((String) v, out);
        } else if (v instanceof Boolean) {
            out.append(((Boolean) v) ? "true" : "false");
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            out.append(v);
        } else if (v instanceof BigDecimal) {
            BigDecimal d = (BigDecimal) v;
            if (d.scale() == 0) out.append(d.toBigInteger()); else writeFloat(d.doubleValue(), out);
        } else if (v instanceof Double || v instanceof Float) {
            writeFloat(((Number) v).doubleValue(), out);
        } else if (v instanceof Map) {
            writeObject((Map<?, ?>) v, out, separators);
        } else if (v instanceof List) {
            writeArray((List<?>) v, out, separators);
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName()
                    + " the way Python's json does; use strings, numbers, booleans, null, maps and lists");
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out, Separators separators) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + key);
            }
            keys.add((String) key);
        }
        if (separators.sortKeys()) keys.sort(BY_CODE_POINT);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) out.append(separators.item());
            writeString(keys.get(i), out);
            out.append(separators.key());
            write(map.get(keys.get(i)), out, separators);
        }
        out.append('}');
    }

    private static void writeArray(List<?> list, StringBuilder out, Separators separators) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) out.append(separators.item());
            write(list.get(i), out, separators);
        }
        out.append(']');
    }

    private static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                default:
                    if (c >= ' ' && c <= '~') {
                        out.append(c);
                    } else {
                        out.append("\\u").append(HEX[c >>> 12]).append(HEX[(c >>> 8) & 0xf])
                                .append(HEX[(c >>> 4) & 0xf]).append(HEX[c & 0xf]);
                    }
            }
        }
        out.append('"');
    }

    /** Python's {@code float.__repr__}: the shortest digits that read back as the same double. */
    static void writeFloat(double x, StringBuilder out) {
        if (Double.isNaN(x)) {
            out.append("NaN");
            return;
        }
        if (Double.isInfinite(x)) {
            out.append(x > 0 ? "Infinity" : "-Infinity");
            return;
        }
        if (x < 0 || (x == 0 && 1 / x < 0)) out.append('-');
        double abs = Math.abs(x);
        if (abs == 0) {
            out.append("0.0");
            return;
        }
        BigDecimal shortest = shortestDigits(abs);
        String digits = shortest.unscaledValue().toString();
        int pointAt = digits.length() - shortest.scale(); // value = 0.DIGITS × 10^pointAt
        if (pointAt > 16 || pointAt <= -4) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) out.append('.').append(digits, 1, digits.length());
            int exponent = pointAt - 1;
            out.append('e').append(exponent < 0 ? '-' : '+');
            if (Math.abs(exponent) < 10) out.append('0');
            out.append(Math.abs(exponent));
        } else if (pointAt <= 0) {
            out.append("0.");
            for (int i = pointAt; i < 0; i++) out.append('0');
            out.append(digits);
        } else if (pointAt >= digits.length()) {
            out.append(digits);
            for (int i = digits.length(); i < pointAt; i++) out.append('0');
            out.append(".0");
        } else {
            out.append(digits, 0, pointAt).append('.').append(digits, pointAt, digits.length());
        }
    }

    /**
     * The fewest significant digits that round back to {@code abs} (positive, finite), and of
     * those the nearest to it; trailing zeros stripped.
     */
    private static BigDecimal shortestDigits(double abs) {
        BigDecimal exact = new BigDecimal(abs);
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal best = null;
            // the rounding interval is lopsided at powers of two, so the nearest candidate may
            // miss while the one on the other side fits: try both neighbours
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.UP}) {
                BigDecimal candidate = exact.round(new MathContext(precision, mode));
                if (candidate.doubleValue() != abs) continue;
                if (best == null || candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                    best = candidate;
                }
            }
            if (best != null) return best.stripTrailingZeros();
        }
        return exact.round(MathContext.DECIMAL64).stripTrailingZeros(); // 17 digits always round-trip
    }
}
