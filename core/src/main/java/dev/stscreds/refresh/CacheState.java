package dev.stscreds.refresh;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import java.time.Duration;
import java.time.Instant;

/**
 * What a {@link RefreshingCredentialsProvider} holds at one moment. Immutable, so that callers
 * read it with one volatile read; every change publishes a new instance. All times are epoch
 * milliseconds of the provider's clock.
 */
final class CacheState {
    private static final long NEVER = Long.MAX_VALUE;
    private static final CacheState EMPTY = new CacheState(null, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, null, 0);

    /** The cached credentials, or null before the first successful fetch. */
    final Credentials credentials;
    /** Until then callers get {@link #credentials} without any further check. */
    final long quietUntil;
    /** From then on callers wait for a fresh fetch. */
    final long mandatoryAt;
    /** When {@link #credentials} stop working; {@link #NEVER} for credentials without an expiration. */
    final long expiresAt;
    /** Until then the credentials are handed out while a refresh runs: the mandatory window, or the expiry. */
    final long servableUntil;
    /** The last blocking fetch's failure, given to callers until {@link #failureUntil}; or null. */
    final CredentialsException failure;
    final long failureUntil;

    private CacheState(Credentials credentials, long quietUntil, long mandatoryAt, long expiresAt, long servableUntil,
                       CredentialsException failure, long failureUntil) {
        this.credentials = credentials;
        this.quietUntil = quietUntil;
        this.mandatoryAt = mandatoryAt;
        this.expiresAt = expiresAt;
        this.servableUntil = servableUntil;
        this.failure = failure;
        this.failureUntil = failureUntil;
    }

    static CacheState empty() {
        return EMPTY;
    }

    /** Credentials just fetched at {@code fetchedAt}; the caller has checked they are not expired. */
    static CacheState fresh(Credentials credentials, long fetchedAt, RefreshPolicy policy) {
        long expiresAt = expiresAtMillis(credentials);
        if (expiresAt == NEVER) {
            return new CacheState(credentials, NEVER, NEVER, NEVER, NEVER, null, 0);
        }
        Duration lifetime = Duration.ofMillis(expiresAt - fetchedAt);
        long mandatoryAt = expiresAt - policy.mandatoryWindow(lifetime).toMillis();
        long advisoryAt = expiresAt - policy.advisoryWindow(lifetime).toMillis();
        // Short-lived credentials (say 4 minutes) would start inside their advisory window and
        // be refreshed again and again; let half the time before the mandatory window pass first.
        long halfway = fetchedAt + (mandatoryAt - fetchedAt) / 2;
        long quietUntil = Math.min(Math.max(advisoryAt, halfway), mandatoryAt);
        if (!policy.servesCachedUntilExpiry()) {
            return new CacheState(credentials, quietUntil, mandatoryAt, expiresAt, mandatoryAt, null, 0);
        }
        // Handed out until they expire; credentials that arrive already inside their mandatory
        // window are refreshed again only halfway to their expiry, not at every call.
        if (quietUntil <= fetchedAt) quietUntil = fetchedAt + (expiresAt - fetchedAt) / 2;
        return new CacheState(credentials, quietUntil, mandatoryAt, expiresAt, expiresAt, null, 0);
    }

    /** A background refresh failed: keep the credentials, try again after the backoff (never past {@link #servableUntil}). */
    CacheState backingOff(long now, long backoffMillis) {
        long retryAt = Math.min(saturatedAdd(now, backoffMillis), servableUntil);
        return new CacheState(credentials, retryAt, mandatoryAt, expiresAt, servableUntil, null, 0);
    }

    /** A blocking fetch failed: remember the failure until {@code until}. */
    CacheState failed(CredentialsException error, long until) {
        return new CacheState(credentials, Long.MIN_VALUE, mandatoryAt, expiresAt, servableUntil, error, until);
    }

    /** True when the cached credentials may still be handed out while a refresh runs in the background. */
    boolean servableAt(long now) {
        return credentials != null && now < servableUntil && now < expiresAt;
    }

    boolean remembersFailureAt(long now) {
        return failure != null && now < failureUntil;
    }

    /** The cached credentials if they have not expired at {@code now}, else null. */
    Credentials unexpiredAt(long now) {
        return credentials != null && now < expiresAt ? credentials : null;
    }

    /** Epoch millis of the expiration; {@link #NEVER} when there is none or it is too far to count. */
    static long expiresAtMillis(Credentials credentials) {
        Instant expiration = credentials.expiration().orElse(null);
        if (expiration == null) return NEVER;
        try {
            return expiration.toEpochMilli();
        } catch (ArithmeticException beyondMillisRange) {
            return expiration.isAfter(Instant.EPOCH) ? NEVER : Long.MIN_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? NEVER : sum;
    }
}
