package dev.stscreds.output;

/**
 * String literals for PowerShell. A plain value is written in double quotes, as the AWS CLI writes
 * it; anything else in a single-quoted (verbatim) string. PowerShell ends such a string at any of
 * {@code '} and U+2018 to U+201B, and reads two of them in a row as one, so each is doubled. NUL
 * cannot be held by an environment variable.
 */
final class PowerShellText {
    private PowerShellText() {}

    static String literal(String field, String value) {
        if (PlainText.isPlain(value)) return "\"" + value + "\"";
        if (value.indexOf('\0') >= 0) throw new UnwritableValueException(field, "powershell", "a NUL character");
        StringBuilder s = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSingleQuote(c)) s.append(c);
            s.append(c);
        }
        return s.append('\'').toString();
    }

    static boolean isSingleQuote(char c) {
        return c == '\'' || (c >= '\u2018' && c <= '\u201B');
    }
}
