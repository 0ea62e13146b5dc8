package dev.stscreds.refresh;

import dev.stscreds.CredentialsException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One failed fetch of a {@link RefreshingCredentialsProvider}, as its {@link RefreshListener} hears of
 * it: which source, why, until when the credentials it still holds are good, and when it tries again.
 *
 * @param source     the source's name ({@code profile dev}, say)
 * @param error      what the source said (its message names no secret)
 * @param heldUntil  the expiration of the credentials still handed out; empty when none are
 * @param nextTry    when the next try may happen (the earliest; a caller or a timer makes it)
 * @param at         when the fetch failed, on the provider's clock
 */
public record RefreshFailure(String source, CredentialsException error, Optional<Instant> heldUntil, Instant nextTry, Instant at) {

    /** One line for a log: the source, the error, the time left and the next try. */
    public String describe() {
        String held = heldUntil.map(until -> "the credentials held expire at " + until + " (" + words(Duration.between(at, until))
                + " left) and are served until then").orElse("no unexpired credentials are held: requests fail until a try succeeds");
        return "refreshing " + source + " failed: " + error.getMessage() + "; " + held + "; next try in "
                + words(Duration.between(at, nextTry));
    }

    /** {@code 4m12s}, {@code 30s}, {@code 1h2m}. */
    static String words(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        if (s < 60) return s + "s";
        if (s < 3600) return s / 60 + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
        return s / 3600 + "h" + (s % 3600 / 60 == 0 ? "" : s % 3600 / 60 + "m");
    }
}
