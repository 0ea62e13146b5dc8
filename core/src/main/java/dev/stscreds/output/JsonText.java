package dev.stscreds.output;

/**
 * JSON string literals in pure ASCII: {@code "} and {@code \} escaped, every control and every
 * non-ASCII character (line and paragraph separators included) as {@code \}{@code uXXXX}, so the
 * document survives any terminal, log or JavaScript embedding unchanged.
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    static StringBuilder string(StringBuilder s, String value) {
        s.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') s.append('\\').append(c);
            else if (c >= 0x20 && c < 0x7f) s.append(c);
            else s.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 15]).append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
        }
        return s.append('"');
    }
}
