package dev.stscreds.serve;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An upstream that makes a new one-hour session at each call, and counts the calls. */
final class CountingSessions implements CredentialsProvider {
    static final Duration LIFETIME = Duration.ofHours(1);

    final AtomicInteger calls = new AtomicInteger();
    final Set<String> issuedKeyIds = ConcurrentHashMap.newKeySet();
    private final Clock clock;

    CountingSessions(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Credentials resolve() {
        int n = calls.incrementAndGet();
        String keyId = String.format("ASIATESTSESSION%05d", n);
        issuedKeyIds.add(keyId);
        return Credentials.builder().accessKeyId(keyId).secretAccessKey("secret-of-session-" + n)
                .sessionToken("token-of-session-" + n).expiration(clock.instant().plus(LIFETIME))
                .accountId("123456789012").source("counting upstream").build();
    }

    @Override
    public String name() {
        return "counting upstream";
    }
}
