package dev.stscreds.sdkv2;

import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.CredentialsProvider;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** The SDK's own STS client with stscreds' credentials, against the testkit's STS (which checks every signature and expiry). */
class LocalStsThroughSdkTest {
    private static final String TRUST_ACCOUNT = """
            {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}""";

    @TempDir
    Path dir;

    private LocalSts sts;
    private AccessKey key;
    private String role;
    private Path emptyConfig;

    @BeforeEach
    void start() throws Exception {
        sts = new LocalSts().start();
        sts.createUser("app");
        key = sts.createAccessKey("app");
        role = sts.createRole("Worker", TRUST_ACCOUNT);
        emptyConfig = Files.writeString(dir.resolve("sdk-config"), "");
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private ProfileFixture home() {
        return new ProfileFixture(dir.resolve("home"))
                .env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString())
                .credentials("[app]\naws_access_key_id = " + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n")
                .config("[profile app]\nregion = us-east-1\n"
                        + "[profile worker]\nrole_arn = " + role + "\nsource_profile = app\nduration_seconds = 900\n");
    }

    @Test
    void staticKeysProfile() {
        StscredsCredentialsProvider bridge = StscredsCredentialsProvider.of(
                new ProfileCredentialsProvider(home().settings(), "app", Clock.systemUTC()));
        try (StsClient client = SdkSts.client(sts.endpoint(), bridge, emptyConfig)) {
            GetCallerIdentityResponse id = client.getCallerIdentity();
            assertThat(id.arn()).isEqualTo("arn:aws:iam::123456789012:user/app");
            assertThat(id.account()).isEqualTo(LocalSts.DEFAULT_ACCOUNT);
        }
        assertThat(sts.calls("AssumeRole")).isZero();
    }

    @Test
    void roleProfileThroughTheIdentityApi() {
        // Typed as the SDK's newer identity API, so the client takes the IdentityProvider overload.
        IdentityProvider<AwsCredentialsIdentity> identity = StscredsCredentialsProvider.of(
                new ProfileCredentialsProvider(home().settings(), "worker", Clock.systemUTC()));
        try (StsClient client = SdkSts.client(sts.endpoint(), identity, emptyConfig)) {
            assertThat(client.getCallerIdentity().arn()).startsWith("arn:aws:sts::123456789012:assumed-role/Worker/");
            assertThat(client.getCallerIdentity().arn()).startsWith("arn:aws:sts::123456789012:assumed-role/Worker/");
        }
        assertThat(sts.calls("AssumeRole")).isEqualTo(1);
        assertThat(sts.calls("GetCallerIdentity")).isEqualTo(2);
    }

    @Test
    void aFailureReachesTheCallerAsTheSdksOwnException() {
        StscredsCredentialsProvider bridge = StscredsCredentialsProvider.of(
                new ProfileCredentialsProvider(home().settings(), "missing", Clock.systemUTC()));
        try (StsClient client = SdkSts.client(sts.endpoint(), bridge, emptyConfig)) {
            assertThatThrownBy(client::getCallerIdentity)
                    .isExactlyInstanceOf(SdkClientException.class)
                    .hasMessageContaining("stscreds (profile missing)")
                    .hasMessageContaining("missing");
        }
        assertThat(sts.calls()).isZero();
    }

    /**
     * 15-minute sessions, the clock moved 8 minutes at a time for over four lifetimes: every other
     * step finds the session expired. One AssumeRole per expiry, none in between, and every call
     * of 8 threads succeeds (the testkit refuses expired credentials).
     */
    @Test
    void aLongRunningClientRefreshesOncePerExpiryAndNeverUsesAnExpiredSession() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
            sts.clock(clock);
            AtomicInteger resolves = new AtomicInteger();
            ProfileCredentialsProvider worker = new ProfileCredentialsProvider(home().settings(), "worker", clock);
            CredentialsProvider counted = () -> {
                resolves.incrementAndGet();
                return worker.resolve();
            };
            int threads = 8;
            int callsPerThread = 5;
            int steps = 9; // t = 0, 8, …, 64 minutes: more than four 15-minute lifetimes
            Set<String> sessions = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try (StsClient client = SdkSts.client(sts.endpoint(), StscredsCredentialsProvider.of(counted), emptyConfig, clock)) {
                int expectedAssumeRoles = 0;
                for (int step = 0; step < steps; step++) {
                    if (step > 0) clock.advance(Duration.ofMinutes(8));
                    if (step % 2 == 0) expectedAssumeRoles++; // 0, 16, 32…: no session yet, or the last one expired a minute ago
                    List<Future<?>> calls = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        calls.add(pool.submit(() -> {
                            for (int i = 0; i < callsPerThread; i++) sessions.add(client.getCallerIdentity().arn());
                            return null;
                        }));
                    }
                    for (Future<?> call : calls) call.get(30, TimeUnit.SECONDS);
                    assertThat(sts.calls("AssumeRole")).as("AssumeRole calls after %d minutes", step * 8).isEqualTo(expectedAssumeRoles);
                }
            } finally {
                pool.shutdownNow();
            }
            int requests = steps * threads * callsPerThread;
            assertThat(sts.calls("GetCallerIdentity")).isEqualTo(requests); // none refused and retried
            assertThat(sessions).hasSize((steps + 1) / 2);
            // SDK 2.56 keeps no identity of its own: it asks the provider at every request.
            assertThat(resolves).hasValue(requests);
        });
    }
}
