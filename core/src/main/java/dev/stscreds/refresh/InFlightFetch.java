package dev.stscreds.refresh;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one upstream call under way for a {@link RefreshingCredentialsProvider}, and its outcome
 * for every caller waiting on it.
 *
 * <p>Whoever {@linkplain #claim() claims} it first makes the call: the background executor, or a
 * caller that cannot wait for a busy executor to get round to it.
 */
final class InFlightFetch {
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    // Written once before done.countDown(), read after done.await(): the latch orders them.
    private Credentials credentials;
    private CredentialsException failure;

    /** True for exactly one caller: the one that makes the upstream call. */
    boolean claim() {
        return claimed.compareAndSet(false, true);
    }

    void succeed(Credentials result) {
        credentials = result;
        done.countDown();
    }

    void fail(CredentialsException error) {
        failure = error;
        done.countDown();
    }

    /** Waits for the outcome: the credentials, or the fetch's own exception rethrown. */
    Credentials await(String providerName) {
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException(
                    "interrupted while waiting for credentials from " + providerName,
                    "the calling thread was interrupted (shutdown or cancellation); retry the call if that was not intended",
                    e);
        }
        if (failure != null) throw failure;
        return credentials;
    }
}
