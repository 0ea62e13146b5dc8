package dev.stscreds.output;

import dev.stscreds.CredentialsException;

/**
 * A value that a format cannot write so that it stays one inert value (a line break in an INI
 * file, a {@code %} for cmd). The message names the field and the format, never the value.
 */
public final class UnwritableValueException extends CredentialsException {
    UnwritableValueException(String field, String format, String what) {
        super(field + " holds " + what + ", which the " + format + " format cannot write safely; nothing was printed",
                "use --format process or --format json, which can carry any value");
    }
}
