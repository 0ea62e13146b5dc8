package dev.stscreds.refresh;

import dev.stscreds.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Many threads at once against one provider: exact upstream call counts, never expired credentials. */
class RefreshingCredentialsProviderConcurrencyTest {
    private static final int THREADS = 64;
    private static final Duration GUARD = Duration.ofSeconds(60);

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final ManualExecutor executor = new ManualExecutor();
    private final ScriptedRandom random = new ScriptedRandom(0.0);
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    private static Instant expirationOf(Credentials credentials) {
        return credentials.expiration().orElseThrow();
    }

    @Test
    void everyExpiryCostsExactlyOneUpstreamCallWhenAllThreadsPileUp() {
        int expiries = 300;
        CountingSource source = new CountingSource(clock, Duration.ofMinutes(15));
        RefreshingCredentialsProvider provider = RefreshingCredentialsProvider.builder(source)
                .clock(clock).executor(executor).random(random).build();
        AtomicReference<Credentials> latest = new AtomicReference<>(provider.resolve());
        AtomicInteger round = new AtomicInteger();

        // Before each round the clock jumps: odd rounds to the start of the mandatory window,
        // even rounds to the very moment of expiry. All threads then call at once.
        CyclicBarrier start = new CyclicBarrier(THREADS, () -> {
            Instant expiration = expirationOf(latest.get());
            clock.set(round.get() % 2 == 1 ? expiration.minus(Duration.ofMinutes(1)) : expiration);
        });
        CyclicBarrier end = new CyclicBarrier(THREADS, () -> {
            int r = round.incrementAndGet();
            if (source.calls.get() != 1 + r) {
                problems.add("after round " + r + ": " + source.calls.get() + " upstream calls, expected " + (1 + r));
            }
            latest.set(provider.cached().orElseThrow());
        });

        runThreads(() -> {
            for (int r = 0; r < expiries; r++) {
                start.await();
                int expectedCall = 2 + round.get();
                Credentials got = provider.resolve();
                if (got.isExpiredAt(clock.instant())) problems.add("expired credentials handed out: " + got);
                if (!got.accessKeyId().equals(CountingSource.keyOfCall(expectedCall))) {
                    problems.add("round " + round.get() + " got " + got.accessKeyId());
                }
                end.await();
            }
        });

        assertThat(problems).isEmpty();
        assertThat(source.calls).hasValue(1 + expiries);
        assertThat(executor.pending()).isZero();
    }

    @Test
    void inTheAdvisoryWindowEveryThreadGetsTheCachedCredentialsAndOneRefreshIsQueuedPerExpiry() {
        int expiries = 200;
        CountingSource source = new CountingSource(clock, Duration.ofHours(1));
        RefreshingCredentialsProvider provider = RefreshingCredentialsProvider.builder(source)
                .clock(clock).executor(executor).random(random).build();
        AtomicReference<Credentials> current = new AtomicReference<>(provider.resolve());

        CyclicBarrier start = new CyclicBarrier(THREADS,
                () -> clock.set(expirationOf(current.get()).minus(Duration.ofMinutes(10))));
        CyclicBarrier end = new CyclicBarrier(THREADS, () -> {
            // No thread waited for the refresh: it is still queued, nobody ran it.
            int callsBefore = source.calls.get();
            int queued = executor.pending();
            if (queued != 1) problems.add(queued + " refreshes queued, expected 1");
            executor.runAll();
            if (source.calls.get() != callsBefore + 1) problems.add("the queued refresh did not call upstream once");
            Credentials refreshed = provider.resolve();
            if (refreshed == current.get()) problems.add("refreshed credentials not served");
            current.set(refreshed);
        });

        runThreads(() -> {
            for (int r = 0; r < expiries; r++) {
                start.await();
                Credentials held = current.get();
                Credentials got = provider.resolve();
                if (got != held) problems.add("advisory caller got " + got.accessKeyId() + " instead of the cached " + held.accessKeyId());
                end.await();
            }
        });

        assertThat(problems).isEmpty();
        assertThat(source.calls).hasValue(1 + expiries);
    }

    @Test
    void sixtyFourCallersWaitingOnASlowSourceShareItsOneCall() {
        CountingSource source = new CountingSource(clock, Duration.ofHours(1));
        source.gate = new CountDownLatch(1);
        RefreshingCredentialsProvider provider = RefreshingCredentialsProvider.builder(source)
                .clock(clock).executor(executor).random(random).build();
        List<Object> outcomes = callAllAtOnceWhileTheSourceIsHeld(provider, source);

        assertThat(source.calls).hasValue(1);
        assertThat(outcomes).hasSize(THREADS).allSatisfy(o -> assertThat(o).isSameAs(outcomes.get(0)));
        assertThat(((Credentials) outcomes.get(0)).accessKeyId()).isEqualTo(CountingSource.keyOfCall(1));
    }

    @Test
    void aSlowSourceThatFailsFailsAllSixtyFourCallersWithOneCallAndTheFailureIsRemembered() {
        random.fraction(0.25); // failure memory 1..5 s -> 2 s
        CountingSource source = new CountingSource(clock, Duration.ofHours(1));
        CredentialsException broken = new CredentialsException("STS at https://sts.example timed out", "retry later");
        source.failure = broken;
        source.gate = new CountDownLatch(1);
        RefreshingCredentialsProvider provider = RefreshingCredentialsProvider.builder(source)
                .clock(clock).executor(executor).random(random).build();

        List<Object> outcomes = callAllAtOnceWhileTheSourceIsHeld(provider, source);

        assertThat(source.calls).hasValue(1);
        assertThat(outcomes).hasSize(THREADS).allSatisfy(o -> assertThat(o).isSameAs(broken));

        // remembered: 64 more callers get it at once, with no call
        source.gate = null;
        List<Object> again = callAllAtOnce(provider);
        assertThat(again).allSatisfy(o -> assertThat(o).isSameAs(broken));
        assertThat(source.calls).hasValue(1);

        clock.advance(Duration.ofSeconds(2).minusMillis(1));
        assertThat(callAllAtOnce(provider)).allSatisfy(o -> assertThat(o).isSameAs(broken));
        assertThat(source.calls).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        source.failure = null;
        List<Object> recovered = callAllAtOnce(provider);
        assertThat(source.calls).hasValue(2);
        assertThat(recovered).allSatisfy(o -> assertThat(((Credentials) o).accessKeyId()).isEqualTo(CountingSource.keyOfCall(2)));
    }

    @Test
    void withTheClockMovingUnderThemThreadsNeverGetExpiredCredentials() throws Exception {
        int ticks = 1_000;
        Duration tick = Duration.ofSeconds(10);
        Duration lifetime = Duration.ofMinutes(15); // background refresh from 10 min after a fetch
        CountingSource source = new CountingSource(clock, lifetime);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            RefreshingCredentialsProvider provider = RefreshingCredentialsProvider.builder(source)
                    .clock(clock).executor(pool).random(random).build();
            AtomicLong resolves = new AtomicLong();
            CountDownLatch clockDone = new CountDownLatch(1);

            Thread ticker = new Thread(() -> {
                for (int i = 0; i < ticks; i++) {
                    long target = resolves.get() + THREADS;
                    while (resolves.get() < target) Thread.onSpinWait();
                    clock.advance(tick);
                }
                clockDone.countDown();
            }, "ticker");
            ticker.setDaemon(true); // never outlives a failed run
            ticker.start();

            runThreads(() -> {
                while (clockDone.getCount() > 0) {
                    long before = clock.millis();
                    Credentials got = provider.resolve();
                    if (expirationOf(got).toEpochMilli() <= before) {
                        problems.add("expired credentials handed out: " + got.expiration() + " at " + Instant.ofEpochMilli(before));
                    }
                    resolves.incrementAndGet();
                }
            });
            ticker.join();
        } finally {
            pool.shutdownNow();
        }

        long elapsedSeconds = ticks * tick.toSeconds();
        assertThat(problems).isEmpty();
        // fetches do not overlap, and each keeps the next one away for 10 minutes
        assertThat(source.calls.get())
                .isGreaterThanOrEqualTo((int) (elapsedSeconds / lifetime.toSeconds()))
                .isLessThanOrEqualTo((int) (elapsedSeconds / 600) + 1);
    }

    /** Starts 64 callers, waits until one is inside the held source and the other 63 wait for it, then lets it go. */
    private List<Object> callAllAtOnceWhileTheSourceIsHeld(RefreshingCredentialsProvider provider, CountingSource source) {
        List<Object> outcomes = new ArrayList<>();
        assertTimeoutPreemptively(GUARD, () -> {
            AtomicInteger calling = new AtomicInteger();
            Object[] results = new Object[THREADS];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                int index = i;
                threads.add(new Thread(() -> {
                    calling.incrementAndGet();
                    results[index] = outcomeOf(provider);
                }, "caller-" + i));
            }
            threads.forEach(Thread::start);
            source.entered.await();
            while (calling.get() < THREADS || !threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING)) {
                Thread.onSpinWait();
            }
            source.gate.countDown();
            for (Thread t : threads) t.join();
            outcomes.addAll(List.of(results));
        });
        return outcomes;
    }

    private List<Object> callAllAtOnce(RefreshingCredentialsProvider provider) {
        ConcurrentLinkedQueue<Object> outcomes = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        runThreads(() -> {
            start.await();
            outcomes.add(outcomeOf(provider));
        });
        assertThat(outcomes).hasSize(THREADS);
        return new ArrayList<>(outcomes);
    }

    private static Object outcomeOf(RefreshingCredentialsProvider provider) {
        try {
            return provider.resolve();
        } catch (CredentialsException e) {
            return e;
        }
    }

    interface Body {
        void run() throws Exception;
    }

    /** Runs the body on 64 threads and waits for all of them; any exception is a problem. */
    private void runThreads(Body body) {
        assertTimeoutPreemptively(GUARD, () -> {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                threads.add(new Thread(() -> {
                    try {
                        body.run();
                    } catch (Throwable t) {
                        problems.add(Thread.currentThread().getName() + ": " + t);
                    }
                }, "worker-" + i));
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) t.join();
        });
        assertThat(problems).isEmpty();
    }
}
