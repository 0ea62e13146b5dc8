package dev.stscreds.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha1Test {
    @Test
    void theStandardTestVectors() {
        assertThat(Sha1.hex("")).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assertThat(Sha1.hex("abc")).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(Sha1.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
                .isEqualTo("84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    }

    @Test
    void sameAsMessageDigestForEveryLengthAroundTheBlockEdges() throws Exception {
        Random random = new Random(42);
        MessageDigest jdk = MessageDigest.getInstance("SHA-1");
        for (int length = 0; length < 300; length++) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            assertThat(HexFormat.of().formatHex(Sha1.digest(message))).as("length %d", length)
                    .isEqualTo(HexFormat.of().formatHex(jdk.digest(message)));
        }
        String unicode = "{\"RoleArn\": \"arn:aws:iam::123456789012:role/ü😀\"}";
        assertThat(Sha1.hex(unicode)).isEqualTo(HexFormat.of().formatHex(jdk.digest(unicode.getBytes(StandardCharsets.UTF_8))));
    }
}
