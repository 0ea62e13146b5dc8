package dev.stscreds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemPropertiesCredentialsProviderTest {
    private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";

    private static Credentials resolve(Map<String, String> props, Map<String, String> env) {
        return new SystemPropertiesCredentialsProvider(Settings.of(props, env, Path.of("/home/tester"))).resolve();
    }

    @Test
    void readsAllFourProperties() {
        Credentials c = resolve(Map.of(
                "aws.accessKeyId", KEY_ID,
                "aws.secretAccessKey", SECRET,
                "aws.sessionToken", TOKEN,
                "aws.accountId", "123456789012"), Map.of());

        assertThat(c.accessKeyId()).isEqualTo(KEY_ID);
        assertThat(c.secretAccessKey()).isEqualTo(SECRET);
        assertThat(c.sessionToken()).contains(TOKEN);
        assertThat(c.accountId()).contains("123456789012");
        assertThat(c.expiration()).isEmpty();
        assertThat(c.source()).isEqualTo("system properties");
    }

    @Test
    void longTermKeysHaveNoToken() {
        Credentials c = resolve(Map.of("aws.accessKeyId", KEY_ID, "aws.secretAccessKey", SECRET), Map.of());
        assertThat(c.sessionToken()).isEmpty();
        assertThat(c.isTemporary()).isFalse();
    }

    @Test
    void neverReadsEnvironmentVariables() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET);
        assertThatThrownBy(() -> resolve(Map.of(), env))
                .isInstanceOf(CredentialsNotConfiguredException.class)
                .hasMessageContaining("aws.accessKeyId")
                .hasMessageContaining("aws.secretAccessKey")
                .hasMessageContaining("system properties");

        Credentials c = resolve(Map.of("aws.accessKeyId", KEY_ID, "aws.secretAccessKey", SECRET),
                Map.of("AWS_SESSION_TOKEN", TOKEN, "AWS_ACCOUNT_ID", "123456789012"));
        assertThat(c.sessionToken()).isEmpty();
        assertThat(c.accountId()).isEmpty();
    }

    @Test
    void blankPropertiesCountAsUnset() {
        assertThatThrownBy(() -> resolve(Map.of("aws.accessKeyId", " ", "aws.secretAccessKey", ""), Map.of()))
                .isInstanceOf(CredentialsNotConfiguredException.class);
    }

    @Test
    void onlyTheKeyIdNamesTheMissingSecretWithoutEchoingTheKeyId() {
        assertThatThrownBy(() -> resolve(Map.of("aws.accessKeyId", KEY_ID), Map.of()))
                .isInstanceOf(CredentialsException.class)
                .isNotInstanceOf(CredentialsNotConfiguredException.class)
                .hasMessageStartingWith("aws.secretAccessKey is not set")
                .hasMessageNotContaining(KEY_ID)
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).isPresent());
    }

    @Test
    void onlyTheSecretNamesTheMissingKeyIdWithoutEchoingTheSecret() {
        assertThatThrownBy(() -> resolve(Map.of("aws.secretAccessKey", SECRET), Map.of()))
                .isInstanceOf(CredentialsException.class)
                .isNotInstanceOf(CredentialsNotConfiguredException.class)
                .hasMessageStartingWith("aws.accessKeyId is not set")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void nameIsTheSourceLabel() {
        assertThat(new SystemPropertiesCredentialsProvider(Settings.of(Map.of(), Map.of(), Path.of("/h"))).name())
                .isEqualTo("system properties");
    }
}
