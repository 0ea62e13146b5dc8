package dev.stscreds.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import dev.stscreds.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentCredentialsProviderTest {
    private static final String KEY_ID = "ASIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN";
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Credentials resolve(Map<String, String> env) {
        return provider(Map.of(), env).resolve();
    }

    private static EnvironmentCredentialsProvider provider(Map<String, String> props, Map<String, String> env) {
        return new EnvironmentCredentialsProvider(Settings.of(props, env, Path.of("/home/tester")), CLOCK);
    }

    private static Map<String, String> pairAnd(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", KEY_ID, "AWS_SECRET_ACCESS_KEY", SECRET));
        for (int i = 0; i < more.length; i += 2) env.put(more[i], more[i + 1]);
        return env;
    }

    @Test
    void readsAllVariables() {
        Credentials c = resolve(pairAnd(
                "AWS_SESSION_TOKEN", TOKEN,
                "AWS_CREDENTIAL_EXPIRATION", "2026-11-22T13:00:00Z",
                "AWS_ACCOUNT_ID", "123456789012"));

        assertThat(c.accessKeyId()).isEqualTo(KEY_ID);
        assertThat(c.secretAccessKey()).isEqualTo(SECRET);
        assertThat(c.sessionToken()).contains(TOKEN);
        assertThat(c.expiration()).contains(Instant.parse("2026-11-22T13:00:00Z"));
        assertThat(c.accountId()).contains("123456789012");
        assertThat(c.source()).isEqualTo("environment");
    }

    @Test
    void noExpirationVariableMeansNoExpiry() {
        assertThat(resolve(pairAnd()).expiration()).isEmpty();
    }

    @Test
    void acceptsTheOlderSecurityTokenWhenSessionTokenIsUnset() {
        assertThat(resolve(pairAnd("AWS_SECURITY_TOKEN", TOKEN)).sessionToken()).contains(TOKEN);
        assertThat(resolve(pairAnd("AWS_SECURITY_TOKEN", "old", "AWS_SESSION_TOKEN", TOKEN)).sessionToken())
                .contains(TOKEN);
    }

    @Test
    void neverReadsSystemProperties() {
        Map<String, String> props = Map.of("aws.accessKeyId", KEY_ID, "aws.secretAccessKey", SECRET);
        assertThatThrownBy(() -> provider(props, Map.of()).resolve())
                .isInstanceOf(CredentialsNotConfiguredException.class)
                .hasMessageContaining("AWS_ACCESS_KEY_ID")
                .hasMessageContaining("AWS_SECRET_ACCESS_KEY")
                .hasMessageContaining("environment");

        Credentials c = provider(Map.of("aws.sessionToken", TOKEN), pairAnd()).resolve();
        assertThat(c.sessionToken()).isEmpty();
    }

    @Test
    void onlyOneOfThePairNamesTheMissingVariableWithoutEchoingTheOther() {
        assertThatThrownBy(() -> resolve(Map.of("AWS_ACCESS_KEY_ID", KEY_ID)))
                .isInstanceOf(CredentialsException.class)
                .isNotInstanceOf(CredentialsNotConfiguredException.class)
                .hasMessageStartingWith("AWS_SECRET_ACCESS_KEY is not set")
                .hasMessageNotContaining(KEY_ID);
        assertThatThrownBy(() -> resolve(Map.of("AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", TOKEN)))
                .isInstanceOf(CredentialsException.class)
                .isNotInstanceOf(CredentialsNotConfiguredException.class)
                .hasMessageStartingWith("AWS_ACCESS_KEY_ID is not set")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void invalidExpirationNamesTheVariable() {
        assertThatThrownBy(() -> resolve(pairAnd("AWS_CREDENTIAL_EXPIRATION", "tomorrow")))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining("AWS_CREDENTIAL_EXPIRATION")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void expiredCredentialsAreRefusedWithWhatToDo() {
        assertThatThrownBy(() -> resolve(pairAnd("AWS_SESSION_TOKEN", TOKEN,
                        "AWS_CREDENTIAL_EXPIRATION", "2026-11-22T11:59:59Z")))
                .isInstanceOf(CredentialsException.class)
                .isNotInstanceOf(CredentialsNotConfiguredException.class)
                .hasMessageStartingWith("the credentials in the environment expired at 2026-11-22T11:59:59Z")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(TOKEN)
                .satisfies(e -> assertThat(((CredentialsException) e).hint()).hasValueSatisfying(
                        hint -> assertThat(hint).contains("stscreds exec")));
    }

    @Test
    void expiryIsJudgedByTheInjectedClock() {
        Map<String, String> env = pairAnd("AWS_CREDENTIAL_EXPIRATION", "2026-11-22T12:00:01+00:00");
        assertThat(resolve(env).expiration()).contains(Instant.parse("2026-11-22T12:00:01Z"));

        Clock later = Clock.fixed(Instant.parse("2026-11-22T12:00:01Z"), ZoneOffset.UTC);
        EnvironmentCredentialsProvider atExpiry =
                new EnvironmentCredentialsProvider(Settings.of(Map.of(), env, Path.of("/h")), later);
        assertThatThrownBy(atExpiry::resolve).hasMessageContaining("expired at 2026-11-22T12:00:01Z");
    }
}
