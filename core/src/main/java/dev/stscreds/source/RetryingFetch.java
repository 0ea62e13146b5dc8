package dev.stscreds.source;

import dev.stscreds.CredentialsException;
import dev.stscreds.wire.HttpFetch;
import dev.stscreds.wire.HttpFetchException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Sends a request up to N times: again after a connection failure, a timeout, a cut-off answer or
 * a 5xx status; never after a 4xx or an oversized body, which would only repeat. Between attempts
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
    }

    private final HttpFetch http;
    private final int attempts;
    private final Pause pause;

    RetryingFetch(HttpFetch http, int attempts, Pause pause) {
        if (attempts < 1) throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        this.http = http;
        this.attempts = attempts;
        this.pause = pause;
    }

    int attempts() {
        return attempts;
    }

    /** The first answer that is not a 5xx, or the last answer, or the last failure when none came. */
    HttpFetch.Response send(String method, URI url, Map<String, String> headers) {
        for (int attempt = 1; ; attempt++) {
            boolean last = attempt == attempts;
            try {
                HttpFetch.Response r = http.send(method, url, headers, null);
                if (r.status() < 500 || last) return r;
            } catch (HttpFetchException e) {
                if (!e.isTransient() || last) throw e;
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
