package dev.stscreds.sso;

import java.time.Instant;

/** A client registered with the OIDC API (RegisterClient). {@link #toString()} hides the secret. */
public record ClientRegistration(String clientId, String clientSecret, Instant expiresAt) {
    @Override
    public String toString() {
        return "ClientRegistration[clientId=" + clientId + ", clientSecret=***, expiresAt=" + expiresAt + "]";
    }
}
