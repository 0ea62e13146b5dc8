package dev.stscreds.config;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A profile file read only if every line of it is in the plainest form: ASCII, {@code key = value}
 * lines without inline comments or continuations, known section headers written exactly, no name
 * twice. Anything else, or a file that is not a regular file, gives {@code null}, and the caller
 * reads the file with {@link ProfileFile}, which knows every rule and reports problems.
 *
 * <p>Why it exists: the start-up of {@code credential-process} on a cache hit, where the full
 * reader's patterns, locations and warnings cost more than the JVM's own start. Being stricter than
 * {@link ProfileFileParser} is what keeps it safe: whatever it accepts, the full reader reads the
 * same way (a differential test holds that).
 */
public final class PlainProfileFile {
    /** Larger files go to the full reader. */
    private static final int MAX_BYTES = 256 * 1024;

    /** Sections by their header text without brackets (e.g. {@code profile dev}), then key to value. */
    private final Map<String, Map<String, String>> sections;

    private PlainProfileFile(Map<String, Map<String, String>> sections) {
        this.sections = sections;
    }

    /** A missing file reads as empty; null when the file is there but not plain. */
    public static PlainProfileFile read(Path path, ProfileFileKind kind) {
        File file = path.toFile();
        if (!file.exists()) return new PlainProfileFile(new HashMap<>());
        if (!file.isFile() || file.length() > MAX_BYTES) return null;
        byte[] bytes;
        try (FileInputStream in = new FileInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            return null;
        }
        return bytes.length > MAX_BYTES ? null : parse(bytes, kind);
    }

    /** The section written {@code [header]}, or null. */
    public Map<String, String> section(String header) {
        return sections.get(header);
    }

    static PlainProfileFile parse(byte[] bytes, ProfileFileKind kind) {
        for (byte b : bytes) {
            if (b < 0 || (b < 0x20 && b != '\n' && b != '\t' && b != '\r') || b == 0x7f) return null;
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        Map<String, Map<String, String>> sections = new HashMap<>();
        Map<String, String> current = null;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) end = text.length();
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            if (line.indexOf('\r') >= 0) return null;
            if (isBlank(line) || line.charAt(0) == '#' || line.charAt(0) == ';') continue;
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') return null; // a continuation or an indented line
            if (first == '[') {
                if (!line.endsWith("]")) return null;
                String header = line.substring(1, line.length() - 1);
                if (!knownHeader(header, kind) || sections.containsKey(header)) return null;
                current = new HashMap<>();
                sections.put(header, current);
                continue;
            }
            if (current == null) return null;
            int equals = line.indexOf('=');
            if (equals <= 0) return null;
            String key = line.substring(0, equals).trim();
            String value = line.substring(equals + 1).trim();
            if (!isName(key) || current.containsKey(key) || hasInlineComment(value)) return null;
            current.put(key, value);
        }
        // [default] and [profile default] in one config file: the full reader's precedence rule applies.
        if (sections.containsKey("default") && sections.containsKey("profile default")) return null;
        return new PlainProfileFile(sections);
    }

    private static boolean knownHeader(String header, ProfileFileKind kind) {
        if (kind == ProfileFileKind.CREDENTIALS) return isName(header) && !header.equals("profile");
        if (header.equals("default")) return true;
        for (String word : new String[] {"profile ", "sso-session ", "services "}) {
            if (header.startsWith(word)) return isName(header.substring(word.length()));
        }
        return false;
    }

    /** What {@link ProfileFileParser#NAME} accepts, without a pattern. */
    public static boolean isName(String s) {
        if (s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '-' || c == '/' || c == '.' || c == '%' || c == '@' || c == ':' || c == '+';
            if (!ok) return false;
        }
        return true;
    }

    private static boolean isBlank(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != ' ' && c != '\t') return false;
        }
        return true;
    }

    /** '#' or ';' after whitespace starts a comment for the full reader: left to it. */
    private static boolean hasInlineComment(String value) {
        return value.indexOf('#') >= 0 || value.indexOf(';') >= 0;
    }
}
