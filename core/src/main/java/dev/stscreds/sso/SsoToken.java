package dev.stscreds.sso;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An IAM Identity Center access token as the AWS CLI caches it: the start URL and region it is for,
 * the token and its expiry, and for {@code sso-session} logins the client registration and refresh
 * token that renew it. {@link #toString()} shows no token and no secret.
 */
public record SsoToken(String startUrl, String region, String accessToken, Instant expiresAt,
                       Optional<String> clientId, Optional<String> clientSecret, Optional<Instant> registrationExpiresAt,
                       Optional<String> refreshToken) {
    public SsoToken {
        Objects.requireNonNull(startUrl, "startUrl");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(registrationExpiresAt, "registrationExpiresAt");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    /** A token that cannot be renewed (a legacy login, or the refresh token left out). */
    public static SsoToken of(String startUrl, String region, String accessToken, Instant expiresAt) {
        return new SsoToken(startUrl, region, accessToken, expiresAt, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /** True when the refresh token and a registration still valid at {@code now} are here. */
    public boolean canRefreshAt(Instant now) {
        return refreshToken.isPresent() && clientId.isPresent() && clientSecret.isPresent()
                && registrationExpiresAt.map(now::isBefore).orElse(false);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "SsoToken[startUrl=" + startUrl + ", region=" + region + ", accessToken=***, expiresAt=" + expiresAt
                + ", clientId=" + clientId.orElse("-") + ", refreshToken=" + (refreshToken.isPresent() ? "***" : "-") + "]";
    }
}
