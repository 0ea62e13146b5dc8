package dev.stscreds.resolve;

import java.util.Objects;
import java.util.Optional;

/**
 * What a caller can add to a resolution: an MFA code given up front ({@code --mfa-token}) and an
 * STS endpoint that overrides every other setting ({@code --endpoint-url}).
 */
public record ResolveOptions(Optional<String> mfaToken, Optional<String> endpointUrl) {
    public static final ResolveOptions NONE = new ResolveOptions(Optional.empty(), Optional.empty());

    public ResolveOptions {
        Objects.requireNonNull(mfaToken);
        Objects.requireNonNull(endpointUrl);
    }

    public ResolveOptions withMfaToken(String code) {
        return new ResolveOptions(Optional.ofNullable(code), endpointUrl);
    }

    public ResolveOptions withEndpointUrl(String url) {
        return new ResolveOptions(mfaToken, Optional.ofNullable(url));
    }
}
