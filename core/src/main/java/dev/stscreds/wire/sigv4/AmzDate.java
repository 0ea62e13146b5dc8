package dev.stscreds.wire.sigv4;

import java.time.Instant;
import java.time.LocalDate;

/** The {@code X-Amz-Date} form of an instant, {@code yyyyMMdd'T'HHmmss'Z'} in UTC, without a formatter. */
final class AmzDate {
    private AmzDate() {}

    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        int year = day.getYear();
        if (year < 1000 || year > 9999) {
            throw new IllegalArgumentException("cannot sign at " + instant + ": SigV4 dates have four-digit years");
        }
        char[] out = new char[16];
        digits(out, 0, year, 4);
        digits(out, 4, day.getMonthValue(), 2);
        digits(out, 6, day.getDayOfMonth(), 2);
        out[8] = 'T';
        digits(out, 9, secondOfDay / 3600, 2);
        digits(out, 11, secondOfDay / 60 % 60, 2);
        digits(out, 13, secondOfDay % 60, 2);
        out[15] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
