package dev.stscreds.output;

/**
 * Reads a PowerShell single-quoted (verbatim) string as PowerShell's tokenizer does, for hosts
 * where PowerShell itself is not installed: the string ends at any of {@code '} and U+2018 to
 * U+201B, except that two of them in a row stand for the second one. Nothing else is special.
 */
final class PowerShellVerbatimString {
    private PowerShellVerbatimString() {}

    /** The value of the verbatim string starting at {@code text[start]}, and where it ended. */
    record Read(String value, int end) {}

    static Read read(String text, int start) {
        if (!PowerShellText.isSingleQuote(text.charAt(start))) throw new IllegalArgumentException("not a verbatim string");
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (PowerShellText.isSingleQuote(c)) {
                if (i + 1 < text.length() && PowerShellText.isSingleQuote(text.charAt(i + 1))) {
                    value.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                return new Read(value.toString(), i + 1);
            }
            value.append(c);
            i++;
        }
        throw new IllegalArgumentException("the verbatim string never ends");
    }
}
