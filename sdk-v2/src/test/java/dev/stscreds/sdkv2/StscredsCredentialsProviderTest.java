package dev.stscreds.sdkv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

class StscredsCredentialsProviderTest {
    private static final Instant EXPIRY = Instant.parse("2026-11-22T11:00:00Z");
    private static final Credentials SESSION = Credentials.builder()
            .accessKeyId("ASIAEXAMPLEEXAMPLE01").secretAccessKey("session-secret-value").sessionToken("session-token-value")
            .expiration(EXPIRY).accountId("123456789012").source("test").build();
    private static final Credentials LONG_TERM = Credentials.of("AKIAEXAMPLEEXAMPLE01", "long-term-secret-value", "test");

    @Test
    void sessionCredentialsKeepTokenExpirationAndAccount() {
        AwsCredentials c = StscredsCredentialsProvider.of(() -> SESSION).resolveCredentials();

        assertThat(c).isInstanceOfSatisfying(AwsSessionCredentials.class, s -> {
            assertThat(s.accessKeyId()).isEqualTo("ASIAEXAMPLEEXAMPLE01");
            assertThat(s.secretAccessKey()).isEqualTo("session-secret-value");
            assertThat(s.sessionToken()).isEqualTo("session-token-value");
            assertThat(s.expirationTime()).contains(EXPIRY);
            assertThat(s.accountId()).contains("123456789012");
            assertThat(s.providerName()).get().asString().startsWith("stscreds ");
        });
    }

    @Test
    void longTermKeysAreBasicCredentials() {
        AwsCredentials c = StscredsCredentialsProvider.of(() -> LONG_TERM).resolveCredentials();

        assertThat(c).isInstanceOfSatisfying(AwsBasicCredentials.class, b -> {
            assertThat(b.accessKeyId()).isEqualTo("AKIAEXAMPLEEXAMPLE01");
            assertThat(b.secretAccessKey()).isEqualTo("long-term-secret-value");
            assertThat(b.accountId()).isEmpty();
        });
    }

    @Test
    void everyCallAsksTheAdaptedProvider() {
        int[] calls = {0};
        StscredsCredentialsProvider bridge = StscredsCredentialsProvider.of(() -> {
            calls[0]++;
            return calls[0] == 1 ? SESSION : LONG_TERM;
        });
        assertThat(bridge.resolveCredentials().accessKeyId()).isEqualTo(SESSION.accessKeyId());
        assertThat(bridge.resolveCredentials().accessKeyId()).isEqualTo(LONG_TERM.accessKeyId());
    }

    @Test
    void resolveIdentityIsACompletedFuture() throws Exception {
        CompletableFuture<? extends AwsCredentialsIdentity> identity = StscredsCredentialsProvider.of(() -> SESSION).resolveIdentity();

        assertThat(identity).isDone();
        assertThat(identity.get()).isInstanceOfSatisfying(AwsSessionCredentialsIdentity.class,
                s -> assertThat(s.sessionToken()).isEqualTo("session-token-value"));
    }

    @Test
    void aFailureIsTheSdksClientExceptionWithMessageAndHint() {
        StscredsCredentialsProvider bridge = StscredsCredentialsProvider.of(() -> {
            throw new CredentialsException("profile dev: sts AssumeRole failed at http://127.0.0.1:1/",
                    "check the role's trust policy");
        });

        assertThatThrownBy(bridge::resolveCredentials)
                .isExactlyInstanceOf(SdkClientException.class)
                .hasMessageContaining("profile dev: sts AssumeRole failed at http://127.0.0.1:1/")
                .hasMessageContaining("Hint: check the role's trust policy")
                .hasCauseInstanceOf(CredentialsException.class);
    }

    @Test
    void aFailureOfResolveIdentityIsAFailedFutureNotAThrow() {
        StscredsCredentialsProvider bridge = StscredsCredentialsProvider.of(() -> {
            throw new CredentialsNotConfiguredException("nothing configured");
        });

        CompletableFuture<? extends AwsCredentialsIdentity> identity = bridge.resolveIdentity();
        assertThat(identity).isCompletedExceptionally();
        assertThatThrownBy(identity::get).isInstanceOf(ExecutionException.class)
                .cause().isExactlyInstanceOf(SdkClientException.class).hasMessageContaining("nothing configured");
    }

    @Test
    void noSecretInToStringOrCredentialsToString() {
        StscredsCredentialsProvider bridge = StscredsCredentialsProvider.of(() -> SESSION);
        assertThat(bridge.toString()).doesNotContain("secret", "token-value");
        assertThat(bridge.resolveCredentials().toString()).doesNotContain("session-secret-value", "session-token-value");
    }
}
