package dev.stscreds.signin;

import dev.stscreds.CredentialsException;
import dev.stscreds.wire.JsonDocument;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * What {@code explain} says about a sign-in session without calling anything: its cache file, when
 * its credentials expire, and until when (and so how many more 15-minute renewals) it can be
 * renewed: a sign-in lasts 12 hours from the time in its ID token.
 */
public record LoginSessionStatus(Path file, Optional<Instant> expiresAt, Optional<Instant> renewableUntil,
                                 Optional<String> problem) {
    public static final Duration SESSION_LIMIT = Duration.ofHours(12);
    static final Duration CREDENTIALS_LIFETIME = Duration.ofMinutes(15);

    public static LoginSessionStatus of(LoginTokenCache cache, String loginSession) {
        Path file = cache.file(loginSession);
        try {
            Optional<LoginToken> token = cache.read(loginSession);
            if (token.isEmpty()) return new LoginSessionStatus(file, Optional.empty(), Optional.empty(), Optional.of("no session"));
            return new LoginSessionStatus(file, Optional.of(token.get().expiresAt()),
                    token.get().idToken().flatMap(LoginSessionStatus::issuedAt).map(t -> t.plus(SESSION_LIMIT)), Optional.empty());
        } catch (CredentialsException e) {
            return new LoginSessionStatus(file, Optional.empty(), Optional.empty(), Optional.of(e.getMessage()));
        }
    }

    /** One line for explain, e.g. {@code cache ~/.aws/login/cache/ab12….json: credentials until …}. */
    public String describe(Instant now) {
        if (problem.isPresent()) {
            return "cache " + file + ": " + (problem.get().equals("no session")
                    ? "none yet (sign in with `stscreds login`)" : problem.get());
        }
        StringBuilder s = new StringBuilder("cache " + file + ": credentials ");
        Instant expiry = expiresAt.orElseThrow();
        s.append(now.isBefore(expiry) ? "until " : "expired at ").append(expiry.truncatedTo(ChronoUnit.SECONDS));
        if (renewableUntil.isPresent()) {
            Instant until = renewableUntil.get();
            if (!now.isBefore(until)) {
                s.append("; the sign-in ended at ").append(until.truncatedTo(ChronoUnit.SECONDS)).append(": sign in again");
            } else {
                long left = Duration.between(now.isAfter(expiry) ? now : expiry, until).toSeconds() / CREDENTIALS_LIFETIME.toSeconds();
                s.append("; renewable until ").append(until.truncatedTo(ChronoUnit.SECONDS)).append(" (")
                        .append(Math.max(0, left)).append(" more 15-minute renewals)");
            }
        } else {
            s.append("; renewable for up to 12 hours after the sign-in");
        }
        return s.toString();
    }

    /** The {@code iat} (or {@code auth_time}) claim of a JWT, read without checking its signature. */
    static Optional<Instant> issuedAt(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) return Optional.empty();
        try {
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            JsonDocument doc = JsonDocument.parseObject(payload, "the ID token");
            Object t = doc.raw("auth_time") instanceof BigDecimal ? doc.raw("auth_time") : doc.raw("iat");
            return t instanceof BigDecimal n ? Optional.of(Instant.ofEpochSecond(n.longValue())) : Optional.empty();
        } catch (IllegalArgumentException | CredentialsException e) {
            return Optional.empty();
        }
    }
}
