package dev.stscreds.refresh;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source that counts its calls and hands out numbered session credentials living
 * {@link #lifetime} from the clock's now. It can be told to fail, and to hold each call at a gate.
 */
final class CountingSource implements CredentialsProvider {
    final AtomicInteger calls = new AtomicInteger();
    private final Clock clock;
    volatile Duration lifetime;
    volatile RuntimeException failure;
    /** When set, each call counts down {@link #entered} and then waits here. */
    volatile CountDownLatch gate;
    final CountDownLatch entered = new CountDownLatch(1);

    CountingSource(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    @Override
    public Credentials resolve() {
        int call = calls.incrementAndGet();
        CountDownLatch waitFor = gate;
        if (waitFor != null) {
            entered.countDown();
            try {
                waitFor.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("test source interrupted", e);
            }
        }
        RuntimeException fail = failure;
        if (fail != null) throw fail;
        Duration life = lifetime;
        return Credentials.builder()
                .accessKeyId(keyOfCall(call))
                .secretAccessKey("secret-" + call)
                .sessionToken("token-" + call)
                .expiration(life == null ? null : clock.instant().plus(life))
                .source(name())
                .build();
    }

    @Override
    public String name() {
        return "counting source";
    }

    static String keyOfCall(int call) {
        return String.format("ASIATESTKEY%09d", call);
    }
}
