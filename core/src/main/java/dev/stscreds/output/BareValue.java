package dev.stscreds.output;

/**
 * Values written with no quoting at all: {@code env-no-export} (read by {@code eval}, by word
 * splitting in {@code env $(stscreds env) cmd}, and as a dotenv file, which disagree about quotes,
 * {@code $} and {@code #}) and {@code windows-cmd} (cmd has no quoting that keeps {@code %},
 * {@code !}, {@code "} and line breaks literal in every context). Only plain values are written,
 * exactly as the AWS CLI writes them; anything else is refused.
 */
final class BareValue {
    private BareValue() {}

    static String value(String field, String value, String format) {
        if (!PlainText.isPlain(value)) {
            throw new UnwritableValueException(field, format, "a character outside letters, digits and _ + / = . : -");
        }
        return value;
    }
}
