package dev.stscreds.refresh;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When cached credentials are refreshed, and how long to wait after a refresh fails.
 *
 * <p>The windows scale with the lifetime of the credentials (the time from the fetch to the
 * expiration), as the Go SDK v2 credentials cache does:
 * <ul>
 *   <li>advisory window: 5 minutes for a lifetime of up to 20 minutes, 15 minutes below
 *       90 minutes, 60 minutes otherwise. Inside it, one background refresh is started and
 *       callers keep getting the cached credentials.</li>
 *   <li>mandatory window: the advisory window, but at most 1 minute. Inside it, callers wait
 *       for a fresh fetch.</li>
 * </ul>
 * A one-hour session is thus refreshed in the background from 15 minutes before it expires,
 * and a 15-minute session from 5 minutes before.
 *
 * <p>A failed background refresh keeps the cached credentials and is retried after a jittered
 * backoff (standard: 300–600 s, never past the start of the mandatory window). A failed
 * blocking fetch is remembered for a short jittered while (standard: 1–5 s): callers meanwhile
 * get the same error at once instead of calling a broken source again.
 *
 * <p>{@link #serving()} is the policy for a server, whose clients must never wait on the source
 * while there is something valid to give them: the cached credentials are handed out until they
 * really expire (the mandatory window does not block), a refresh that fails is retried after a
 * jittered 30–60 s but at most half the time left before the expiry (at least 1 s later), so tries
 * come more often as the end nears; only expired credentials make callers wait.
 */
public final class RefreshPolicy {
    private static final Duration TWENTY_MINUTES = Duration.ofMinutes(20);
    private static final Duration NINETY_MINUTES = Duration.ofMinutes(90);
    private static final Duration MAX_MANDATORY_WINDOW = Duration.ofMinutes(1);

    private static final RefreshPolicy STANDARD = builder().build();
    private static final RefreshPolicy SERVING = builder().failureBackoff(Duration.ofSeconds(30), Duration.ofSeconds(60))
            .serveCachedUntilExpiry().build();
    /** The shortest wait between tries when the time left is short. */
    static final long MIN_RETRY_MILLIS = 1000;

    private final Duration failureBackoffMin;
    private final Duration failureBackoffMax;
    private final Duration failureMemoryMin;
    private final Duration failureMemoryMax;
    private final boolean untilExpiry;

    private RefreshPolicy(Builder b) {
        this.failureBackoffMin = b.failureBackoffMin;
        this.failureBackoffMax = b.failureBackoffMax;
        this.failureMemoryMin = b.failureMemoryMin;
        this.failureMemoryMax = b.failureMemoryMax;
        this.untilExpiry = b.untilExpiry;
    }

    /** For a server: see the class comment. */
    public static RefreshPolicy serving() {
        return SERVING;
    }

    /** True when cached credentials are handed out until they expire, and no caller waits in the mandatory window. */
    public boolean servesCachedUntilExpiry() {
        return untilExpiry;
    }

    /** The windows above, a 300–600 s backoff and a 1–5 s failure memory. */
    public static RefreshPolicy standard() {
        return STANDARD;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How long before the expiration a background refresh starts, for credentials of this lifetime. */
    public Duration advisoryWindow(Duration lifetime) {
        Objects.requireNonNull(lifetime, "lifetime");
        if (lifetime.compareTo(TWENTY_MINUTES) <= 0) return Duration.ofMinutes(5);
        if (lifetime.compareTo(NINETY_MINUTES) < 0) return Duration.ofMinutes(15);
        return Duration.ofMinutes(60);
    }

    /** How long before the expiration callers stop getting the cached credentials and wait for new ones. */
    public Duration mandatoryWindow(Duration lifetime) {
        Duration advisory = advisoryWindow(lifetime);
        return advisory.compareTo(MAX_MANDATORY_WINDOW) < 0 ? advisory : MAX_MANDATORY_WINDOW;
    }

    /** The shortest wait after a failed background refresh. */
    public Duration failureBackoffMin() {
        return failureBackoffMin;
    }

    /** The longest wait after a failed background refresh. */
    public Duration failureBackoffMax() {
        return failureBackoffMax;
    }

    /** The shortest time a failed blocking fetch is remembered. */
    public Duration failureMemoryMin() {
        return failureMemoryMin;
    }

    /** The longest time a failed blocking fetch is remembered. */
    public Duration failureMemoryMax() {
        return failureMemoryMax;
    }

    /** A backoff in milliseconds, drawn uniformly between min and max (both included). */
    long drawFailureBackoffMillis(RandomGenerator random) {
        return draw(random, failureBackoffMin, failureBackoffMax);
    }

    /** A failure memory in milliseconds, drawn uniformly between min and max (both included). */
    long drawFailureMemoryMillis(RandomGenerator random) {
        return draw(random, failureMemoryMin, failureMemoryMax);
    }

    private static long draw(RandomGenerator random, Duration min, Duration max) {
        long low = min.toMillis();
        long high = max.toMillis();
        return low == high ? low : random.nextLong(low, high + 1);
    }

    @Override
    public String toString() {
        return "RefreshPolicy[failureBackoff=" + failureBackoffMin + ".." + failureBackoffMax
                + ", failureMemory=" + failureMemoryMin + ".." + failureMemoryMax + (untilExpiry ? ", untilExpiry" : "") + ']';
    }

    public static final class Builder {
        private Duration failureBackoffMin = Duration.ofSeconds(300);
        private Duration failureBackoffMax = Duration.ofSeconds(600);
        private Duration failureMemoryMin = Duration.ofSeconds(1);
        private Duration failureMemoryMax = Duration.ofSeconds(5);
        private boolean untilExpiry;

        private Builder() {}

        /**
         * Hands out the cached credentials until they expire: the mandatory window starts a background
         * refresh instead of making callers wait, and a failed refresh is retried after at most half
         * the time left.
         */
        public Builder serveCachedUntilExpiry() {
            this.untilExpiry = true;
            return this;
        }

        /** How long to wait after a failed background refresh: a jittered value between min and max. */
        public Builder failureBackoff(Duration min, Duration max) {
            checkRange(min, max, "failure backoff");
            this.failureBackoffMin = min;
            this.failureBackoffMax = max;
            return this;
        }

        /** How long a failed blocking fetch is remembered: a jittered value between min and max. */
        public Builder failureMemory(Duration min, Duration max) {
            checkRange(min, max, "failure memory");
            this.failureMemoryMin = min;
            this.failureMemoryMax = max;
            return this;
        }

        public RefreshPolicy build() {
            return new RefreshPolicy(this);
        }

        private static void checkRange(Duration min, Duration max, String what) {
            Objects.requireNonNull(min, what + " min");
            Objects.requireNonNull(max, what + " max");
            if (min.isNegative() || min.compareTo(max) > 0) {
                throw new IllegalArgumentException(
                        what + " needs 0 <= min <= max, got " + min + ".." + max);
            }
        }
    }
}
