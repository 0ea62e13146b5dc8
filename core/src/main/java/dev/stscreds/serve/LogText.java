package dev.stscreds.serve;

/**
 * What a client sent, made safe for a log line: control characters (a newline that forges a line, an
 * escape sequence for the terminal) become {@code ?}, and it is cut at a readable length.
 */
final class LogText {
    static final int MAX = 200;

    private LogText() {}

    static String of(String text) {
        return of(text, MAX);
    }

    static String of(String text, int max) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), max + 1));
        for (int i = 0; i < text.length() && i < max; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
        }
        if (text.length() > max) b.append('…');
        return b.toString();
    }
}
