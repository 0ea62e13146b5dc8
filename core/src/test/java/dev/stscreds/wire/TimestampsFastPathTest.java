package dev.stscreds.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.CredentialsException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-read plain form gives what java.time gives, and leaves everything else to it. */
class TimestampsFastPathTest {
    @Test
    void plainUtcTimesReadAsJavaTimeReadsThem() {
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_799L)).truncatedTo(ChronoUnit.SECONDS);
            String text = t.toString();
            if (text.length() != 20) continue; // years past 9999 are written longer
            assertThat(Timestamps.plainUtc(text)).as(text).isEqualTo(Instant.parse(text));
        }
        assertThat(Timestamps.plainUtc("2024-02-29T23:59:59Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    }

    @Test
    void otherFormsAndImpossibleDatesGoToTheFullParser() {
        for (String other : new String[] {"2026-11-22T11:20:45.123Z", "2026-11-22T11:20:45+00:00", "2026-11-22 11:20:45Z",
            "2026-11-22T11:20:45z", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-22T24:00:00Z", "2026-1a-22T11:20:45Z"}) {
            assertThat(Timestamps.plainUtc(other)).as(other).isNull();
        }
        assertThat(Timestamps.parseIso("2026-11-22T11:20:45.123Z", "t")).isEqualTo(Instant.parse("2026-11-22T11:20:45.123Z"));
        assertThat(Timestamps.parseIso("2026-11-22T12:20:45+01:00", "t")).isEqualTo(Instant.parse("2026-11-22T11:20:45Z"));
        assertThatThrownBy(() -> Timestamps.parseIso("2026-02-30T00:00:00Z", "Expiration"))
                .isInstanceOf(CredentialsException.class).hasMessageContaining("Expiration is not an ISO-8601 time");
    }
}
