package dev.stscreds.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.Credentials;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.testkit.sts.VirtualMfa;
import dev.stscreds.wire.sts.StsClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SessionTokenCredentialsProviderTest {

    @Test
    void anMfaSessionIsRenewedOncePerExpiryWithOneCodeEach() {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        try (LocalSts sts = new LocalSts().clock(clock).start()) {
            sts.createUser("jon");
            AccessKey key = sts.createAccessKey("jon");
            VirtualMfa mfa = sts.createVirtualMfa("jon");
            Credentials longTerm = Credentials.of(key.accessKeyId(), key.secretAccessKey(), "vault");
            AtomicInteger codes = new AtomicInteger();
            SessionTokenCredentialsProvider upstream = new SessionTokenCredentialsProvider(
                    StsClient.create(sts.endpoint(), "us-east-1", clock), () -> longTerm, Duration.ofHours(1),
                    mfa.serialNumber(), (serial, profile) -> {
                        codes.incrementAndGet();
                        return mfa.codeAt(clock.instant());
                    }, "jon");
            RefreshingCredentialsProvider provider = RefreshingCredentialsProvider.builder(upstream).clock(clock).build();

            Credentials first = provider.resolve();
            provider.resolve();
            clock.advance(Duration.ofHours(1));
            Credentials second = provider.resolve();

            assertThat(first.source()).contains("MFA session");
            assertThat(second.accessKeyId()).isNotEqualTo(first.accessKeyId());
            assertThat(sts.calls("GetSessionToken")).isEqualTo(2);
            assertThat(codes).hasValue(2);
        }
    }
}
