package dev.stscreds.sso;

import java.time.Duration;
import java.util.Optional;

/** The answer of CreateToken. {@link #toString()} hides both tokens. */
public record TokenGrant(String accessToken, Duration expiresIn, Optional<String> refreshToken) {
    @Override
    public String toString() {
        return "TokenGrant[accessToken=***, expiresIn=" + expiresIn + ", refreshToken=" + (refreshToken.isPresent() ? "***" : "-") + "]";
    }
}
