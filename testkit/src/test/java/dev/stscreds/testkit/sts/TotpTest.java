package dev.stscreds.testkit.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(60)
class TotpTest {
    /** The SHA-1 seed of RFC 6238 appendix B, "12345678901234567890". */
    private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T={0}s → {1}")
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130",
    })
    void rfc6238TestVectorsForSha1(long unixSeconds, String expected) {
        long step = Totp.step(Instant.ofEpochSecond(unixSeconds));

        assertThat(Totp.code(RFC_SEED, step, 8)).isEqualTo(expected);
        // six digits are the same number modulo 10^6: what virtual MFA devices show
        assertThat(Totp.code(Base32.encode(RFC_SEED), Instant.ofEpochSecond(unixSeconds))).isEqualTo(expected.substring(2));
    }

    @Test
    void codesChangeEveryThirtySecondsAndKeepLeadingZeros() {
        String seed = Base32.encode(RFC_SEED);

        assertThat(Totp.code(seed, Instant.ofEpochSecond(1111111111))).isEqualTo("050471");
        assertThat(Totp.code(seed, Instant.ofEpochSecond(1111111110))).isEqualTo(Totp.code(seed, Instant.ofEpochSecond(1111111139)));
        assertThat(Totp.code(seed, Instant.ofEpochSecond(1111111109))).isNotEqualTo(Totp.code(seed, Instant.ofEpochSecond(1111111110)));
    }

    @Test
    void base32RoundTripsAndMatchesRfc4648() {
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
        assertThat(Base32.decode("MZXW6YTBOI======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        Random random = new Random(7);
        for (int n = 0; n < 64; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            assertThat(Base32.decode(Base32.encode(bytes))).isEqualTo(bytes);
        }
    }

    @Test
    void agreesWithOathtool() throws Exception {
        Optional<Path> oathtool = onPath("oathtool");
        assumeTrue(oathtool.isPresent(), "oathtool is not on PATH (apt-get install -y oathtool): cross-check not run");
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] seed = new byte[20];
            random.nextBytes(seed);
            String base32 = Base32.encode(seed);
            Instant at = Instant.ofEpochSecond(1_000_000_000L + random.nextInt(1_000_000_000));

            String theirs = run(oathtool.get().toString(), "--totp", "-b", "--now", at.toString().replace("T", " ").replace("Z", " UTC"), base32);

            assertThat(Totp.code(base32, at)).as("seed %s at %s", base32, at).isEqualTo(theirs);
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
