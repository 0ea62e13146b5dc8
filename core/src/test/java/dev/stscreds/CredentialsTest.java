package dev.stscreds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";

    @Test
    void toStringNeverShowsTheSecretOrTheToken() {
        Credentials c = Credentials.builder()
                .accessKeyId("AKIAIOSFODNN7EXAMPLE")
                .secretAccessKey(SECRET)
                .sessionToken(TOKEN)
                .expiration(Instant.parse("2026-11-22T12:00:00Z"))
                .accountId("123456789012")
                .source("environment")
                .build();

        assertThat(c.toString())
                .doesNotContain(SECRET)
                .doesNotContain(TOKEN)
                .doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .contains("AKIA…MPLE", "2026-11-22T12:00:00Z", "123456789012", "environment");
    }

    @Test
    void expiryIsComparedWithTheGivenInstant() {
        Instant expiry = Instant.parse("2026-11-22T12:00:00Z");
        Credentials c = Credentials.builder().accessKeyId("AKID").secretAccessKey("s").expiration(expiry).build();

        assertThat(c.isExpiredAt(expiry.minusSeconds(1))).isFalse();
        assertThat(c.isExpiredAt(expiry)).isTrue();
        assertThat(Credentials.of("AKID", "s", "x").isExpiredAt(Instant.MAX)).isFalse();
    }

    @Test
    void emptyKeysAreRejectedWithoutEchoingValues() {
        assertThatThrownBy(() -> Credentials.of("AKID", " ", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secret access key");
    }

    @Test
    void emptySessionTokenMeansLongTermCredentials() {
        Credentials c = Credentials.builder().accessKeyId("AKID").secretAccessKey("s").sessionToken("").build();
        assertThat(c.sessionToken()).isEmpty();
        assertThat(c.isTemporary()).isFalse();
    }
}
