package dev.stscreds.serve;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/** IMDSv2 session tokens: random, each valid for the TTL it was asked for, on the server's clock. */
final class ImdsTokens {
    static final Duration MAX_TTL = Duration.ofSeconds(21600);
    /** Expired tokens are dropped when this many are held, so a client asking for tokens in a loop cannot grow memory. */
    static final int MAX_HELD = 10_000;

    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

    ImdsTokens(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** A new token for {@code ttl}; null when too many live tokens are held already. */
    String issue(Duration ttl) {
        if (expiries.size() >= MAX_HELD) {
            Instant now = clock.instant();
            expiries.values().removeIf(expiry -> !now.isBefore(expiry));
            if (expiries.size() >= MAX_HELD) return null;
        }
        byte[] bytes = new byte[32];
        synchronized (random) {
            for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) random.nextInt(256);
        }
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(token, clock.instant().plus(ttl));
        return token;
    }

    boolean isValid(String token) {
        Instant expiry = expiries.get(token);
        if (expiry == null) return false;
        if (clock.instant().isBefore(expiry)) return true;
        expiries.remove(token);
        return false;
    }
}
