package dev.stscreds.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plain reader's own arithmetic and places, held to the full cache reader's. */
class PlainCachedSessionTest {
    @Test
    void theFileAndTheExpiryWindowAreTheFullCachesOwn() {
        Settings settings = Settings.of(Map.of(), Map.of("HOME", "/home/jon"));
        assertThat(PlainCachedSession.file(settings, "abc")).isEqualTo(CliSessionCache.forSettings(settings, Clock.systemUTC()).file("abc"));
        assertThat(PlainCachedSession.EXPIRY_WINDOW_MILLIS).isEqualTo(CliSessionCache.EXPIRY_WINDOW.toMillis());
    }

    @Test
    void everySecondFrom1970To2400IsTheInstantTheJdkReads() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond((long) (random.nextDouble() * 13_569_465_600L)); // to 2400-01-01
            String text = instant.toString();
            assertThat(PlainCachedSession.utcSeconds(text)).isEqualTo(text);
            assertThat(PlainCachedSession.epochMillis(text)).as(text).isEqualTo(instant.toEpochMilli());
        }
    }

    @Test
    void onlyThePlainFormsOfWholeSecondsInUtcAreRead() {
        assertThat(PlainCachedSession.utcSeconds("2026-11-22T11:20:45Z")).isEqualTo("2026-11-22T11:20:45Z");
        assertThat(PlainCachedSession.utcSeconds("2026-11-22T11:20:45UTC")).isEqualTo("2026-11-22T11:20:45Z");
        assertThat(PlainCachedSession.utcSeconds("2026-11-22T11:20:45+00:00")).isEqualTo("2026-11-22T11:20:45Z");
        assertThat(PlainCachedSession.utcSeconds("2028-02-29T00:00:00Z")).isNotNull();
        for (String other : new String[] {"2026-11-22T11:20:45.000Z", "2026-11-22T11:20:45+01:00", "2026-11-22 11:20:45Z",
                "2027-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T11:60:00Z",
                "2026-11-22T11:20:4xZ", "1969-12-31T23:59:59Z", "2026-11-22T11:20:45z", "2026-11-22T11:20:45"}) {
            assertThat(PlainCachedSession.utcSeconds(other)).as(other).isNull();
        }
    }

    @Test
    void itsDescriptionHoldsNoSecret(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("k.json");
        java.nio.file.Files.writeString(file, "{\"Credentials\": {\"AccessKeyId\": \"ASIAEXAMPLEEXAMPLE00\", \"SecretAccessKey\": "
                + "\"c2VjcmV0c2VjcmV0\", \"SessionToken\": \"dG9rZW50b2tlbg==\", \"Expiration\": \"2099-01-01T00:00:00Z\"}}");
        PlainCachedSession session = PlainCachedSession.read(file, 0);
        assertThat(session).isNotNull();
        assertThat(session.toString()).doesNotContain("c2VjcmV0c2VjcmV0", "dG9rZW50b2tlbg==", "EXAMPLEEXAMPLE00");
    }
}
