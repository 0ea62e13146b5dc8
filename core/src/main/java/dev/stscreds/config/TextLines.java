package dev.stscreds.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into lines that keep their own line terminator, so that joining them gives back every byte.
 * Lines end at {@code \n}, {@code \r\n} or a lone {@code \r}, as {@link java.io.BufferedReader} reads them.
 */
final class TextLines {
    static final String BYTE_ORDER_MARK = "\uFEFF";

    /** A line's text without its terminator, and the terminator ({@code ""} for a last line without one). */
    record Line(String content, String terminator) {}

    private TextLines() {}

    static List<Line> split(String text) {
        List<Line> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') ? i + 2 : i + 1;
                lines.add(new Line(text.substring(start, i), text.substring(i, end)));
                start = end;
                i = end;
            } else {
                i++;
            }
        }
        if (start < text.length()) {
            lines.add(new Line(text.substring(start), ""));
        }
        return lines;
    }

    /** The terminator of the first line that has one: the style new lines should follow; {@code \n} if none. */
    static String newlineStyle(List<Line> lines) {
        for (Line line : lines) {
            if (!line.terminator().isEmpty()) return line.terminator();
        }
        return "\n";
    }

    /** A line that holds only spaces and tabs (the reader skips it). */
    static boolean isBlank(String content) {
        for (int i = 0; i < content.length(); i++) {
            char c = content.charAt(i);
            if (c != ' ' && c != '\t') return false;
        }
        return true;
    }
}
