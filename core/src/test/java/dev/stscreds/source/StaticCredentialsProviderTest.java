package dev.stscreds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import org.junit.jupiter.api.Test;

class StaticCredentialsProviderTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    @Test
    void answersWithTheSameCredentialsEveryTime() {
        Credentials c = Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET, "profile dev (credentials file)");
        StaticCredentialsProvider provider = StaticCredentialsProvider.of(c);

        assertThat(provider.resolve()).isSameAs(c);
        assertThat(provider.resolve()).isSameAs(c);
        assertThat(provider.name()).isEqualTo("profile dev (credentials file)");
        assertThat(provider.toString()).doesNotContain(SECRET).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> StaticCredentialsProvider.of(null)).isInstanceOf(NullPointerException.class);
    }
}
