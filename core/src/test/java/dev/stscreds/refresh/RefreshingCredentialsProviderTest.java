package dev.stscreds.refresh;

import dev.stscreds.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsNotConfiguredException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Single-threaded behaviour of the refresh decorator, on a clock the tests move. */
class RefreshingCredentialsProviderTest {
    private static final Duration ONE_HOUR = Duration.ofHours(1);
    private static final Duration MS = Duration.ofMillis(1);

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final ManualExecutor executor = new ManualExecutor();
    private final ScriptedRandom random = new ScriptedRandom(0.0);
    private final CountingSource source = new CountingSource(clock, ONE_HOUR);
    private final RefreshingCredentialsProvider provider = RefreshingCredentialsProvider.builder(source)
            .clock(clock).executor(executor).random(random).build();

    private Instant expirationOf(Credentials credentials) {
        return credentials.expiration().orElseThrow();
    }

    @Test
    void credentialsWithoutExpirationAreFetchedOnceAndKept() {
        source.lifetime = null;
        Credentials first = provider.resolve();

        clock.advance(Duration.ofDays(3650));

        assertThat(provider.resolve()).isSameAs(first);
        assertThat(source.calls).hasValue(1);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void beforeTheAdvisoryWindowTheCachedCredentialsAreServedWithoutAnyCall() {
        Credentials first = provider.resolve();

        // one hour of life: advisory window 15 minutes
        clock.set(expirationOf(first).minus(Duration.ofMinutes(15)).minus(MS));

        assertThat(provider.resolve()).isSameAs(first);
        assertThat(source.calls).hasValue(1);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void nameAndCachedDescribeWhatIsHeldWithoutCallingTheSource() {
        assertThat(provider.name()).isEqualTo("refreshing(counting source)");
        assertThat(RefreshingCredentialsProvider.builder(source).name("sts role dev").build().name())
                .isEqualTo("sts role dev");
        assertThat(provider.cached()).isEmpty();

        Credentials first = provider.resolve();
        assertThat(provider.cached()).contains(first);

        clock.set(expirationOf(first));
        assertThat(provider.cached()).isEmpty();
        assertThat(source.calls).hasValue(1);
    }

    @Nested
    class AdvisoryWindow {
        @Test
        void oneBackgroundRefreshIsStartedAndEveryCallerKeepsTheCachedCredentials() {
            Credentials first = provider.resolve();
            clock.set(expirationOf(first).minus(Duration.ofMinutes(15)));

            for (int i = 0; i < 10; i++) {
                assertThat(provider.resolve()).isSameAs(first);
            }
            assertThat(executor.pending()).isEqualTo(1);
            assertThat(source.calls).hasValue(1);

            assertThat(executor.runAll()).isEqualTo(1);

            assertThat(source.calls).hasValue(2);
            Credentials second = provider.resolve();
            assertThat(second.accessKeyId()).isEqualTo(CountingSource.keyOfCall(2));
            assertThat(expirationOf(second)).isEqualTo(clock.instant().plus(ONE_HOUR));
            assertThat(executor.pending()).isZero();
        }

        @Test
        void aFailedRefreshKeepsTheCachedCredentialsAndBacksOffByTheDrawnJitter() {
            random.fraction(0.5); // 300..600 s -> 450 s
            Credentials first = provider.resolve();
            clock.set(expirationOf(first).minus(Duration.ofMinutes(15)));
            source.failure = new CredentialsException("STS said no", "try later");

            assertThat(provider.resolve()).isSameAs(first);
            executor.runAll();
            assertThat(source.calls).hasValue(2);

            clock.advance(Duration.ofSeconds(450).minus(MS));
            assertThat(provider.resolve()).isSameAs(first);
            assertThat(executor.pending()).isZero();

            clock.advance(MS);
            assertThat(provider.resolve()).isSameAs(first);
            assertThat(executor.pending()).isEqualTo(1);
            assertThat(random.draws).extracting(d -> d[0] + ".." + d[1]).containsExactly("300000..600001");
        }

        @Test
        void theBackoffFollowsTheInjectedRandom() {
            random.fraction(1.0); // the longest backoff: 600 s
            Credentials first = provider.resolve();
            clock.set(expirationOf(first).minus(Duration.ofMinutes(15)));
            source.failure = new CredentialsException("STS said no");
            provider.resolve();
            executor.runAll();

            clock.advance(Duration.ofSeconds(600).minus(MS));
            provider.resolve();
            assertThat(executor.pending()).isZero();

            clock.advance(MS);
            provider.resolve();
            assertThat(executor.pending()).isEqualTo(1);
        }

        @Test
        void theBackoffNeverReachesIntoTheMandatoryWindow() {
            random.fraction(0.0); // 300 s, but only 2 minutes are left before the mandatory window
            Credentials first = provider.resolve();
            Instant mandatoryAt = expirationOf(first).minus(Duration.ofMinutes(1));
            clock.set(mandatoryAt.minus(Duration.ofMinutes(2)));
            source.failure = new CredentialsException("STS said no");
            provider.resolve();
            executor.runAll();
            source.failure = null;

            clock.set(mandatoryAt.minus(MS));
            assertThat(provider.resolve()).isSameAs(first);
            assertThat(source.calls).hasValue(2);

            clock.set(mandatoryAt);
            Credentials fetchedByCaller = provider.resolve();
            assertThat(source.calls).hasValue(3);
            assertThat(fetchedByCaller.accessKeyId()).isEqualTo(CountingSource.keyOfCall(3));
            assertThat(executor.pending()).isZero();
        }

        @Test
        void aCallerInTheMandatoryWindowMakesAQueuedRefreshItselfAndTheQueuedTaskThenDoesNothing() {
            Credentials first = provider.resolve();
            clock.set(expirationOf(first).minus(Duration.ofMinutes(10)));
            provider.resolve(); // queues the background refresh; the executor is busy and never runs it
            assertThat(executor.pending()).isEqualTo(1);

            clock.set(expirationOf(first).minus(Duration.ofSeconds(30)));
            Credentials second = provider.resolve();

            assertThat(second.accessKeyId()).isEqualTo(CountingSource.keyOfCall(2));
            executor.runAll();
            assertThat(source.calls).hasValue(2);
            assertThat(provider.resolve()).isSameAs(second);
        }

        @Test
        void anExecutorThatRefusesWorkCountsAsAFailedRefresh() {
            RefreshingCredentialsProvider refused = RefreshingCredentialsProvider.builder(source)
                    .clock(clock).random(random)
                    .executor(task -> { throw new RejectedExecutionException("shut down"); })
                    .build();
            Credentials first = refused.resolve();
            clock.set(expirationOf(first).minus(Duration.ofMinutes(15)));

            assertThat(refused.resolve()).isSameAs(first);
            assertThat(refused.resolve()).isSameAs(first);
            assertThat(source.calls).hasValue(1);

            clock.set(expirationOf(first).minus(Duration.ofMinutes(1)));
            assertThat(refused.resolve().accessKeyId()).isEqualTo(CountingSource.keyOfCall(2));
        }

        @Test
        void shortLivedCredentialsAreRefreshedInTheBackgroundOnlyHalfwayToTheMandatoryWindow() {
            source.lifetime = Duration.ofMinutes(4); // advisory 5 min: longer than the whole life
            Credentials first = provider.resolve();
            Instant fetchedAt = clock.instant();
            Instant halfway = fetchedAt.plus(Duration.ofSeconds(90)); // mandatory window starts at 3 min

            clock.set(halfway.minus(MS));
            assertThat(provider.resolve()).isSameAs(first);
            assertThat(executor.pending()).isZero();

            clock.set(halfway);
            assertThat(provider.resolve()).isSameAs(first);
            assertThat(executor.pending()).isEqualTo(1);
        }

        @Test
        void theDefaultExecutorIsTheSharedPoolOfDaemonThreads() {
            AtomicReference<Thread> refresher = new AtomicReference<>();
            CountDownLatch refreshed = new CountDownLatch(1);
            RefreshingCredentialsProvider pooled = RefreshingCredentialsProvider.builder(() -> {
                        Credentials c = source.resolve();
                        if (source.calls.get() == 2) {
                            refresher.set(Thread.currentThread());
                            refreshed.countDown();
                        }
                        return c;
                    })
                    .clock(clock).build();
            Credentials first = pooled.resolve();
            clock.set(expirationOf(first).minus(Duration.ofMinutes(15)));

            assertThat(pooled.resolve()).isSameAs(first);

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                assertThat(refreshed.await(10, TimeUnit.SECONDS)).isTrue();
            });
            assertThat(refresher.get().getName()).startsWith("stscreds-refresh-");
            assertThat(refresher.get().isDaemon()).isTrue();
        }
    }

    /** {@link RefreshPolicy#serving()}: what a server needs while STS fails or hangs. */
    @Nested
    class ServingUntilExpiry {
        private final List<RefreshFailure> heard = new ArrayList<>();
        private final RefreshingCredentialsProvider serving = RefreshingCredentialsProvider.builder(source).clock(clock)
                .executor(executor).random(random).policy(RefreshPolicy.serving()).listener(heard::add).build();

        @Test
        void inTheMandatoryWindowTheCachedCredentialsAreHandedOutAtOnceWhileOneRefreshRuns() {
            Credentials first = serving.resolve();
            clock.set(expirationOf(first).minus(Duration.ofSeconds(30)));

            for (int i = 0; i < 10; i++) assertThat(serving.resolve()).isSameAs(first);

            assertThat(executor.pending()).as("one refresh, in the background").isEqualTo(1);
            assertThat(source.calls).hasValue(1);
            executor.runAll();
            assertThat(serving.resolve().accessKeyId()).isEqualTo(CountingSource.keyOfCall(2));
        }

        @Test
        void failedRefreshesAreHeardWithTheTimeLeftAndRetriedAtMostHalfTheTimeLeftLaterUntilTheExpiry() {
            random.fraction(1.0); // the longest drawn backoff, 60 s: the time left shortens it
            Credentials first = serving.resolve();
            Instant expiry = expirationOf(first);
            source.failure = new CredentialsException("STS is down", "try later");
            clock.set(expiry.minus(Duration.ofMinutes(15)));

            List<Duration> triesAt = new ArrayList<>();
            // Callers (or the server's timer) ask every second; the cache decides when to try again.
            while (clock.instant().isBefore(expiry)) {
                assertThat(serving.resolve()).isSameAs(first);
                if (executor.runAll() > 0) triesAt.add(Duration.between(clock.instant(), expiry));
                clock.advance(Duration.ofSeconds(1));
            }

            assertThat(triesAt.get(0)).isEqualTo(Duration.ofMinutes(15));
            assertThat(triesAt.get(1)).as("60 s later").isEqualTo(Duration.ofMinutes(14));
            assertThat(triesAt.subList(triesAt.size() - 6, triesAt.size())).as("ever closer as the end nears")
                    .containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(7),
                            Duration.ofSeconds(3), Duration.ofSeconds(1));
            assertThat(source.calls).hasValue(1 + triesAt.size());
            assertThat(heard).hasSize(triesAt.size());
            RefreshFailure firstHeard = heard.get(0);
            assertThat(firstHeard.heldUntil()).contains(expiry);
            assertThat(firstHeard.describe()).isEqualTo("refreshing counting source failed: STS is down; the credentials held expire at "
                    + expiry + " (15m left) and are served until then; next try in 1m");

            // Expired: nothing is handed out, the caller fetches itself and the failure is heard too.
            assertThatThrownBy(serving::resolve).isInstanceOf(CredentialsException.class).hasMessage("STS is down");
            assertThat(heard.get(heard.size() - 1).describe()).contains("no unexpired credentials are held");
        }
    }

    @Nested
    class MandatoryWindow {
        @Test
        void theCallerFetchesAndWaitsInTheMandatoryWindow() {
            Credentials first = provider.resolve();
            clock.set(expirationOf(first).minus(Duration.ofMinutes(1)));

            Credentials second = provider.resolve();

            assertThat(second.accessKeyId()).isEqualTo(CountingSource.keyOfCall(2));
            assertThat(executor.pending()).isZero();
        }

        @Test
        void expiredCredentialsAreNeverHandedOut() {
            Credentials first = provider.resolve();
            clock.set(expirationOf(first));

            Credentials second = provider.resolve();

            assertThat(second).isNotSameAs(first);
            assertThat(second.isExpiredAt(clock.instant())).isFalse();
        }

        @Test
        void aFailureGoesToTheCallerAsIsAndIsRememberedForTheDrawnWhile() {
            random.fraction(0.5); // 1..5 s -> 3 s
            CredentialsException broken = new CredentialsException("STS at https://sts.example refused", "check the role");
            source.failure = broken;

            assertThatThrownBy(provider::resolve).isSameAs(broken);
            assertThatThrownBy(provider::resolve).isSameAs(broken);
            assertThat(source.calls).hasValue(1);

            clock.advance(Duration.ofSeconds(3).minus(MS));
            assertThatThrownBy(provider::resolve).isSameAs(broken);
            assertThat(source.calls).hasValue(1);

            clock.advance(MS);
            source.failure = null;
            assertThat(provider.resolve().accessKeyId()).isEqualTo(CountingSource.keyOfCall(2));
            assertThat(random.draws).extracting(d -> d[0] + ".." + d[1]).containsExactly("1000..5001");
        }

        @Test
        void notConfiguredStaysNotConfiguredSoChainsCanSkipTheSource() {
            CredentialsNotConfiguredException notConfigured = new CredentialsNotConfiguredException("no such profile");
            source.failure = notConfigured;

            assertThatThrownBy(provider::resolve).isSameAs(notConfigured);
        }

        @Test
        void credentialsThatArriveExpiredAreRefusedAndTheRefusalIsRemembered() {
            source.lifetime = Duration.ofSeconds(-5);

            CredentialsException refused = catchThrowableOfType(provider::resolve, CredentialsException.class);

            assertThat(refused.getMessage())
                    .contains("counting source", "expired at 2025-03-01T11:59:55Z", "2025-03-01T12:00:00Z")
                    .doesNotContain("secret-1", "token-1");
            assertThat(refused.hint()).get().asString().contains("clock");
            assertThatThrownBy(provider::resolve).isSameAs(refused);
            assertThat(source.calls).hasValue(1);
            assertThat(provider.cached()).isEmpty();
        }

        @Test
        void credentialsThatArriveInsideTheMandatoryWindowAreHandedOutOnceThenFetchedAgain() {
            source.lifetime = Duration.ofSeconds(30);

            Credentials first = provider.resolve();
            assertThat(first.accessKeyId()).isEqualTo(CountingSource.keyOfCall(1));

            Credentials second = provider.resolve();
            assertThat(second.accessKeyId()).isEqualTo(CountingSource.keyOfCall(2));
            assertThat(source.calls).hasValue(2);
        }

        @Test
        void aSourceThatReturnsNullGivesAnErrorNamingIt() {
            RefreshingCredentialsProvider nulls = RefreshingCredentialsProvider.builder(new NamedNullSource())
                    .clock(clock).executor(executor).random(random).build();

            assertThatThrownBy(nulls::resolve)
                    .isExactlyInstanceOf(CredentialsException.class)
                    .hasMessageContaining("imds")
                    .hasMessageContaining("returned no credentials");
        }

        @Test
        void anUncheckedFailureOfTheSourceIsWrappedNamingIt() {
            IllegalStateException bug = new IllegalStateException("boom");
            source.failure = bug;

            CredentialsException wrapped = catchThrowableOfType(provider::resolve, CredentialsException.class);

            assertThat(wrapped).hasCause(bug);
            assertThat(wrapped.getMessage()).contains("counting source", "IllegalStateException");
            assertThat(wrapped.hint()).isPresent();
        }

        @Test
        void anInterruptedWaiterKeepsItsInterruptFlagAndGetsACredentialsException() throws Exception {
            source.gate = new CountDownLatch(1);
            Thread fetcher = new Thread(() -> provider.resolve(), "fetcher");
            fetcher.start();
            AtomicReference<Throwable> seen = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                source.entered.await();
                Thread waiter = new Thread(() -> {
                    Thread.currentThread().interrupt();
                    try {
                        provider.resolve();
                    } catch (Throwable t) {
                        seen.set(t);
                    }
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }, "waiter");
                waiter.start();
                waiter.join();
                source.gate.countDown();
                fetcher.join();
            });

            assertThat(seen.get()).isExactlyInstanceOf(CredentialsException.class)
                    .hasMessageContaining("interrupted")
                    .hasMessageContaining("refreshing(counting source)");
            assertThat(stillInterrupted.get()).isTrue();
            assertThat(source.calls).hasValue(1);
        }
    }

    private static final class NamedNullSource implements dev.stscreds.CredentialsProvider {
        @Override
        public Credentials resolve() {
            return null;
        }

        @Override
        public String name() {
            return "imds";
        }
    }
}
