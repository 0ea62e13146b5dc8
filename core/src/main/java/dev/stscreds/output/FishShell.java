package dev.stscreds.output;

/**
 * Words for fish. A plain value is written in double quotes, as the AWS CLI writes it; anything
 * else in single quotes, inside which fish reads only {@code \\} and {@code \'} as escapes, so
 * both are escaped. A line break inside single quotes stays part of the value. NUL cannot be held
 * by a variable.
 */
final class FishShell {
    private FishShell() {}

    static String word(String field, String value) {
        if (PlainText.isPlain(value)) return "\"" + value + "\"";
        if (value.indexOf('\0') >= 0) throw new UnwritableValueException(field, "fish", "a NUL character");
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
