package dev.stscreds.refresh;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.random.RandomGenerator;

/**
 * Caches the credentials of any source and refreshes them before they expire; the one place in
 * the library where caching and refreshing happen.
 *
 * <p>How a call to {@link #resolve()} goes, with the windows of the {@link RefreshPolicy}:
 * <ul>
 *   <li>Credentials without an expiration are fetched once and kept.</li>
 *   <li>Before the advisory window: the cached credentials, with no lock and no upstream call.</li>
 *   <li>In the advisory window: the cached credentials at once, for every caller; one background
 *       refresh is started on the executor. If it fails, the cached credentials stay and the
 *       next attempt waits a jittered backoff, never past the start of the mandatory window.</li>
 *   <li>In the mandatory window, after expiry, or before the first fetch: callers wait, and one
 *       of them (or the background refresh already under way) makes the only upstream call.
 *       Its outcome goes to all of them. A failure is remembered for a short jittered while: the
 *       callers meanwhile get the same exception at once, without an upstream call; then one
 *       caller tries again.</li>
 * </ul>
 *
 * <p>With {@link RefreshPolicy#serving()} (a server's), the mandatory window does not block: the
 * cached credentials are handed out until they expire while one refresh runs in the background,
 * and failed refreshes are retried ever sooner as the expiry nears. A {@link RefreshListener}
 * hears of every failed fetch, background or not, with the time the held credentials have left.
 *
 * <p>Expired credentials are never handed out. When the source returns credentials that have
 * already expired, the call fails (and the failure is remembered like any other). When it
 * returns credentials that are valid but already inside their mandatory window (a source that
 * only has short-lived or almost-expired credentials), they are handed to the callers waiting on
 * that fetch, once, as the Go SDK does; the next caller fetches again.
 *
 * <p>Credentials that live shorter than their advisory window would be refreshed again as soon
 * as they arrive; for them, the background refresh starts only when half the time before the
 * mandatory window has passed.
 *
 * <p>Errors: the source's {@link CredentialsException} is passed on as is (the same instance to
 * every waiting caller). A source that returns null or throws another unchecked exception gives
 * a {@link CredentialsException} naming the source. A waiting caller that is interrupted gets a
 * {@link CredentialsException} and keeps its interrupt flag.
 *
 * <p>Threads: background refreshes run on the given executor, by default on one small pool of
 * daemon threads shared by the whole library ({@code stscreds-refresh-N}, idle threads end). A
 * provider owns no thread and needs no closing. If the executor is busy, a caller that reaches
 * the mandatory window makes the queued call itself rather than waiting for the executor.
 */
public final class RefreshingCredentialsProvider implements CredentialsProvider {
    private final CredentialsProvider upstream;
    private final Clock clock;
    private final RandomGenerator random; // only used under lock: generators need not be thread-safe
    private final Executor executor;
    private final RefreshPolicy policy;
    private final String name;
    private final RefreshListener listener;

    private final Object lock = new Object();
    private volatile CacheState state = CacheState.empty();
    private InFlightFetch inFlight; // guarded by lock

    private RefreshingCredentialsProvider(Builder b) {
        this.upstream = b.upstream;
        this.clock = b.clock;
        this.random = b.random;
        // The shared pool is looked up only when a background refresh starts: a short-lived
        // process that never refreshes does not pay for loading it.
        this.executor = b.executor != null ? b.executor : command -> SharedRefreshExecutor.get().execute(command);
        this.policy = b.policy;
        this.name = b.name != null ? b.name : "refreshing(" + upstream.name() + ")";
        this.listener = b.listener;
    }

    public static Builder builder(CredentialsProvider upstream) {
        return new Builder(upstream);
    }

    @Override
    public Credentials resolve() {
        CacheState current = state;
        if (clock.millis() < current.quietUntil) {
            return current.credentials;
        }
        return resolveOutsideQuietTime();
    }

    @Override
    public String name() {
        return name;
    }

    /** The credentials held now, if any and not expired; never calls the source. */
    public Optional<Credentials> cached() {
        return Optional.ofNullable(state.unexpiredAt(clock.millis()));
    }

    @Override
    public String toString() {
        return name;
    }

    private Credentials resolveOutsideQuietTime() {
        InFlightFetch fetch;
        Credentials stillServable = null;
        boolean startedHere = false;
        synchronized (lock) {
            long now = clock.millis();
            CacheState current = state;
            if (now < current.quietUntil) {
                return current.credentials; // another caller refreshed meanwhile
            }
            boolean servable = current.servableAt(now);
            if (inFlight == null) {
                if (!servable && current.remembersFailureAt(now)) {
                    throw current.failure;
                }
                inFlight = new InFlightFetch();
                startedHere = true;
            }
            fetch = inFlight;
            if (servable) stillServable = current.credentials;
        }
        if (stillServable != null) {
            if (startedHere) refreshInBackground(fetch);
            return stillServable;
        }
        fetchFromUpstream(fetch); // does nothing when the executor or another caller got it first
        return fetch.await(name);
    }

    private void refreshInBackground(InFlightFetch fetch) {
        try {
            executor.execute(() -> fetchFromUpstream(fetch));
        } catch (RejectedExecutionException e) {
            if (fetch.claim()) {
                complete(fetch, null, new CredentialsException(
                        "could not start a background refresh of " + upstream.name() + ": the executor refused it",
                        "the executor given to " + name + " is shut down or full; the cached credentials are used until it takes work again",
                        e));
            }
        }
    }

    private void fetchFromUpstream(InFlightFetch fetch) {
        if (!fetch.claim()) return;
        Credentials fetched = null;
        CredentialsException failure = null;
        Error fatal = null;
        try {
            fetched = upstream.resolve();
            if (fetched == null) {
                failure = new CredentialsException(
                        upstream.name() + " returned no credentials",
                        "this is a bug in that credentials source: it must return credentials or throw");
            }
        } catch (CredentialsException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = new CredentialsException(
                    upstream.name() + " failed unexpectedly with " + e.getClass().getName(),
                    "this is a bug in that credentials source; the cause shows where it failed",
                    e);
            if (e instanceof Error) fatal = (Error) e;
        }
        complete(fetch, fetched, failure);
        if (fatal != null) throw fatal;
    }

    /** Publishes the outcome of a fetch, then wakes its waiters (who then see the new state). */
    private void complete(InFlightFetch fetch, Credentials fetched, CredentialsException failure) {
        RefreshFailure heard = null;
        synchronized (lock) {
            long now = clock.millis();
            if (failure == null && CacheState.expiresAtMillis(fetched) <= now) {
                failure = expiredOnArrival(fetched, now);
            }
            CacheState current = state;
            if (failure == null) {
                state = CacheState.fresh(fetched, now, policy);
            } else if (current.servableAt(now)) {
                state = current.backingOff(now, backoffMillis(current, now));
                heard = new RefreshFailure(upstream.name(), failure, current.credentials.expiration(),
                        Instant.ofEpochMilli(state.quietUntil), Instant.ofEpochMilli(now));
            } else {
                state = current.failed(failure, now + policy.drawFailureMemoryMillis(random));
                heard = new RefreshFailure(upstream.name(), failure, Optional.empty(),
                        Instant.ofEpochMilli(state.failureUntil), Instant.ofEpochMilli(now));
            }
            inFlight = null;
        }
        if (heard != null) tell(heard);
        if (failure == null) {
            fetch.succeed(fetched);
        } else {
            fetch.fail(failure);
        }
    }

    /** The drawn backoff; for a policy that serves until expiry, at most half the time left (at least a second). */
    private long backoffMillis(CacheState current, long now) {
        long drawn = policy.drawFailureBackoffMillis(random);
        if (!policy.servesCachedUntilExpiry()) return drawn;
        return Math.min(drawn, Math.max(RefreshPolicy.MIN_RETRY_MILLIS, (current.expiresAt - now) / 2));
    }

    private void tell(RefreshFailure failure) {
        try {
            listener.refreshFailed(failure);
        } catch (RuntimeException e) {
            // a listener's own failure must not change what callers get
        }
    }

    private CredentialsException expiredOnArrival(Credentials fetched, long now) {
        return new CredentialsException(
                upstream.name() + " returned credentials that expired at " + fetched.expiration().orElseThrow()
                        + " (the clock says " + Instant.ofEpochMilli(now) + ")",
                "check that this machine's clock is right; if it is, the source hands out stale credentials and must be renewed");
    }

    public static final class Builder {
        private final CredentialsProvider upstream;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new Random();
        private Executor executor;
        private RefreshPolicy policy = RefreshPolicy.standard();
        private String name;
        private RefreshListener listener = RefreshListener.NONE;

        private Builder(CredentialsProvider upstream) {
            this.upstream = Objects.requireNonNull(upstream, "upstream");
        }

        /** Where time comes from (tests pass a clock they move). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where the jitter of backoffs and failure memory comes from. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Where background refreshes run; it should run them on another thread, or the caller
         * that starts one waits for it. Default: the library's shared refresh pool.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        public Builder policy(RefreshPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The name shown in chains and explanations; default {@code refreshing(<upstream name>)}. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Hears of every failed fetch, with the time the held credentials have left (for a log). */
        public Builder listener(RefreshListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public RefreshingCredentialsProvider build() {
            return new RefreshingCredentialsProvider(this);
        }
    }
}
