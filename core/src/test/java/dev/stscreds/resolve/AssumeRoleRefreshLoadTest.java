package dev.stscreds.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stscreds.Credentials;
import dev.stscreds.testing.ProfileFixture;
import dev.stscreds.testkit.MutableClock;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 64 threads on an assume-role profile whose 15-minute sessions keep expiring on the testkit's
 * clock: exactly one AssumeRole per expiry, and no thread ever gets an expired session.
 */
class AssumeRoleRefreshLoadTest {
    private static final int THREADS = 64;
    private static final int EXPIRIES = 25;

    @TempDir
    Path dir;

    @Test
    void oneStsCallPerExpiryUnderSixtyFourThreads() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00Z");
        try (LocalSts sts = new LocalSts().clock(clock).start()) {
            sts.createUser("app");
            AccessKey key = sts.createAccessKey("app");
            String role = sts.createRole("Worker", """
                    {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}""");
            ProfileFixture f = new ProfileFixture(dir)
                    .env("AWS_ENDPOINT_URL_STS", sts.endpoint().toString())
                    .credentials("[app]\naws_access_key_id = " + key.accessKeyId() + "\naws_secret_access_key = " + key.secretAccessKey() + "\n")
                    .config("[profile worker]\nrole_arn = " + role + "\nsource_profile = app\nduration_seconds = 900\n");
            ProfileCredentialsProvider provider = new ProfileCredentialsProvider(f.settings(), "worker", clock);

            CyclicBarrier barrier = new CyclicBarrier(THREADS);
            AtomicInteger expiredHandedOut = new AtomicInteger();
            Set<String> sessionsSeen = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                for (int round = 0; round <= EXPIRIES; round++) {
                    if (round > 0) clock.advance(Duration.ofMinutes(15)); // every session of the last round has now expired
                    Instant now = clock.instant();
                    List<Future<?>> futures = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        futures.add(pool.submit(() -> {
                            barrier.await(10, TimeUnit.SECONDS);
                            Credentials c = provider.resolve();
                            if (c.isExpiredAt(now)) expiredHandedOut.incrementAndGet();
                            sessionsSeen.add(c.accessKeyId());
                            return null;
                        }));
                    }
                    for (Future<?> future : futures) future.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(sts.calls("AssumeRole")).isEqualTo(EXPIRIES + 1);
            assertThat(sessionsSeen).hasSize(EXPIRIES + 1);
            assertThat(expiredHandedOut).hasValue(0);
        }
    }
}
