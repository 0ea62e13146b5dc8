package dev.stscreds.source;

import dev.stscreds.CredentialsException;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.HttpFetchException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Sends a request up to N times: again after a connection failure, a timeout or a cut-off answer, and
 * (up to its own count, which may be higher) after a 5xx or 429 status, the answers of a service that is
 * there but busy; never after another 4xx or an oversized body, which would only repeat. Between attempts
 * it waits through an injected {@link Pause}, so tests do not sleep.
 */
final class RetryingFetch {

    /** The wait before attempt number {@code nextAttempt} (2, 3, …). */
    @FunctionalInterface
    interface Pause {
        void before(int nextAttempt) throws InterruptedException;

        Pause NONE = nextAttempt -> {};

        /** Sleeps {@code step × (nextAttempt − 1)}. */
        static Pause linear(Duration step) {
            return nextAttempt -> Thread.sleep(step.toMillis() * (nextAttempt - 1));
        }

        /** Sleeps a random time up to {@code base × 2^(nextAttempt − 2)}, at most {@code cap} ("full jitter"). */
        static Pause exponentialJitter(Duration base, Duration cap, java.util.random.RandomGenerator random) {
            return nextAttempt -> {
                long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, nextAttempt - 2));
                Thread.sleep(random.nextLong(ceiling + 1));
            };
        }
    }

    private final HttpFetch http;
    private final int attempts;
    private final int statusAttempts;
    private final Pause pause;

    RetryingFetch(HttpFetch http, int attempts, Pause pause) {
        this(http, attempts, attempts, pause);
    }

    /** @param statusAttempts attempts when the answers are 5xx or 429 (at least {@code attempts}) */
    RetryingFetch(HttpFetch http, int attempts, int statusAttempts, Pause pause) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        this.http = http;
        this.attempts = attempts;
        this.statusAttempts = Math.max(attempts, statusAttempts);
        this.pause = pause;
    }

    /** A 5xx or 429: the service is there but failing or throttling. */
    static boolean isBusy(int status) {
        return status >= 500 || status == 429;
    }

    int attempts() {
        return attempts;
    }

    int statusAttempts() {
        return statusAttempts;
    }

    /** The first answer that is not a 5xx or 429, or the last answer, or the last failure when none came. */
    HttpFetch.Response send(String method, URI url, Map<String, String> headers) {
        for (int attempt = 1; ; attempt++) {
            try {
                HttpFetch.Response r = http.send(method, url, headers, null);
                if (!isBusy(r.status()) || attempt >= statusAttempts) return r;
            } catch (HttpFetchException e) {
                if (!e.isTransient() || attempt >= attempts) throw e;
            }
            waitBefore(attempt + 1, url);
        }
    }

    private void waitBefore(int nextAttempt, URI url) {
        try {
            pause.before(nextAttempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while waiting to ask " + url + " again");
        }
    }
}
