package dev.stscreds.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.Credentials;
import dev.stscreds.wire.sts.StsSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliSessionCacheTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @TempDir
    Path dir;

    private CliSessionCache cacheAt(Instant now) {
        return new CliSessionCache(dir.resolve("cache"), dir.resolve("locks"), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static StsSession session(Instant expiration) {
        Credentials c = Credentials.builder().accessKeyId("ASIAEXAMPLEEXAMPLE00").secretAccessKey(SECRET)
                .sessionToken("token").expiration(expiration).accountId("123456789012").source("sts").build();
        return new StsSession(c, expiration.toString(), Optional.of("AROAEXAMPLE:s"),
                Optional.of("arn:aws:sts::123456789012:assumed-role/Admin/s"), Optional.empty(), Optional.of(6), Optional.empty());
    }

    @Test
    void roundTripInTheAwsCliShapeWithMode0600() throws Exception {
        cacheAt(NOW).write("abc", session(NOW.plus(Duration.ofHours(1))));

        Path file = dir.resolve("cache/abc.json");
        assertThat(Files.readString(file)).startsWith("{\"Credentials\":{\"AccessKeyId\":\"ASIAEXAMPLEEXAMPLE00\"")
                .contains("\"Expiration\":\"2026-11-22T11:00:00Z\"", "\"AssumedRoleUser\":{\"AssumedRoleId\"");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(cacheAt(NOW).read("abc")).get().satisfies(c -> {
            assertThat(c.secretAccessKey()).isEqualTo(SECRET);
            assertThat(c.expiration()).contains(NOW.plus(Duration.ofHours(1)));
            assertThat(c.accountId()).contains("123456789012");
        });
    }

    @Test
    void entriesWithinFifteenMinutesOfExpiryCountAsExpired() {
        cacheAt(NOW).write("k", session(NOW.plus(Duration.ofMinutes(30))));
        assertThat(cacheAt(NOW.plus(Duration.ofMinutes(14))).read("k")).isPresent();
        assertThat(cacheAt(NOW.plus(Duration.ofMinutes(15))).read("k")).isEmpty();
    }

    @Test
    void botocoresOwnTimeFormatIsRead() throws Exception {
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(dir.resolve("cache/b.json"), "{\"Credentials\": {\"AccessKeyId\": \"ASIAEXAMPLEEXAMPLE00\", "
                + "\"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"2026-11-22T11:00:00UTC\"}}");
        assertThat(cacheAt(NOW).read("b")).get().extracting(c -> c.expiration().orElseThrow())
                .isEqualTo(Instant.parse("2026-11-22T11:00:00Z"));
    }

    @Test
    void corruptForeignOrMissingFilesAreIgnored() throws Exception {
        Files.createDirectories(dir.resolve("cache"));
        Files.writeString(dir.resolve("cache/garbage.json"), "{\"Credentials\": {\"AccessKeyId\": " + SECRET);
        Files.writeString(dir.resolve("cache/foreign.json"), "{\"accessToken\": \"x\", \"expiresAt\": \"2030-01-01T00:00:00Z\"}");
        Files.writeString(dir.resolve("cache/array.json"), "[1, 2]");
        Files.writeString(dir.resolve("cache/badtime.json"), "{\"Credentials\": {\"AccessKeyId\": \"A\", "
                + "\"SecretAccessKey\": \"s\", \"SessionToken\": \"t\", \"Expiration\": \"soon\"}}");

        for (String key : new String[] {"garbage", "foreign", "array", "badtime", "missing"}) {
            assertThat(cacheAt(NOW).read(key)).as(key).isEmpty();
        }
    }
}
