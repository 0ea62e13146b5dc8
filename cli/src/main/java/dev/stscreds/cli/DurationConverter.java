package dev.stscreds.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code 900s}, {@code 90m}, {@code 12h}, or plain seconds. */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            char unit = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
            long n = Long.parseLong(Character.isDigit(unit) ? t : t.substring(0, Math.max(0, t.length() - 1)));
            switch (unit) {
                case 's': return Duration.ofSeconds(n);
                case 'm': return Duration.ofMinutes(n);
                case 'h': return Duration.ofHours(n);
                default:
                    if (Character.isDigit(unit)) return Duration.ofSeconds(n);
                    throw new NumberFormatException(text);
            }
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not a duration; write e.g. 900s, 90m or 12h");
        }
    }
}
