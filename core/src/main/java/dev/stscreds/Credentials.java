package dev.stscreds;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A set of AWS credentials and where they came from.
 *
 * <p>Immutable. {@link #toString()} never shows the secret or the session token, and shows the
 * access key id only masked, so a credentials object is safe to log.
 */
public final class Credentials {
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final Instant expiration;
    private final String accountId;
    private final String source;

    /** Every value is checked here, so no source can hand on one that {@link CredentialValues} refuses. */
    private Credentials(Builder b) {
        this.source = b.source == null ? "unknown" : b.source;
        this.accessKeyId = CredentialValues.accessKeyId(requireText(b.accessKeyId, "access key id"), source);
        this.secretAccessKey = CredentialValues.secretAccessKey(requireText(b.secretAccessKey, "secret access key"), source);
        String token = emptyToNull(b.sessionToken);
        this.sessionToken = token == null ? null : CredentialValues.sessionToken(token, source);
        this.expiration = b.expiration == null ? null : CredentialValues.expiration(b.expiration, source);
        String account = emptyToNull(b.accountId);
        this.accountId = account == null ? null : CredentialValues.accountId(account, source);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Long-term or session credentials with no expiry, labelled with their source. */
    public static Credentials of(String accessKeyId, String secretAccessKey, String source) {
        return builder().accessKeyId(accessKeyId).secretAccessKey(secretAccessKey).source(source).build();
    }

    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    public Optional<String> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    /** When these credentials stop working; empty for credentials that do not expire. */
    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiration);
    }

    public Optional<String> accountId() {
        return Optional.ofNullable(accountId);
    }

    /** A short label of where these credentials came from, e.g. {@code profile dev (credentials file)}. */
    public String source() {
        return source;
    }

    public boolean isTemporary() {
        return sessionToken != null;
    }

    /** True when these credentials have an expiry and it is at or before {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return expiration != null && !expiration.isAfter(now);
    }

    public Builder toBuilder() {
        return new Builder()
                .accessKeyId(accessKeyId)
                .secretAccessKey(secretAccessKey)
                .sessionToken(sessionToken)
                .expiration(expiration)
                .accountId(accountId)
                .source(source);
    }

    public Credentials withSource(String newSource) {
        return toBuilder().source(newSource).build();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Credentials)) return false;
        Credentials c = (Credentials) o;
        return accessKeyId.equals(c.accessKeyId)
                && secretAccessKey.equals(c.secretAccessKey)
                && Objects.equals(sessionToken, c.sessionToken)
                && Objects.equals(expiration, c.expiration)
                && Objects.equals(accountId, c.accountId)
                && source.equals(c.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accessKeyId, secretAccessKey, sessionToken, expiration, accountId, source);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Credentials[accessKeyId=").append(Secrets.maskKeyId(accessKeyId));
        s.append(", secretAccessKey=***");
        if (sessionToken != null) s.append(", sessionToken=***");
        if (expiration != null) s.append(", expiration=").append(expiration);
        if (accountId != null) s.append(", accountId=").append(accountId);
        return s.append(", source=").append(source).append(']').toString();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("credentials need a non-empty " + what);
        }
        return value;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    public static final class Builder {
        private String accessKeyId;
        private String secretAccessKey;
        private String sessionToken;
        private Instant expiration;
        private String accountId;
        private String source;

        private Builder() {}

        public Builder accessKeyId(String v) { this.accessKeyId = v; return this; }
        public Builder secretAccessKey(String v) { this.secretAccessKey = v; return this; }
        public Builder sessionToken(String v) { this.sessionToken = v; return this; }
        public Builder expiration(Instant v) { this.expiration = v; return this; }
        public Builder accountId(String v) { this.accountId = v; return this; }
        public Builder source(String v) { this.source = v; return this; }

        public Credentials build() {
            return new Credentials(this);
        }
    }
}
