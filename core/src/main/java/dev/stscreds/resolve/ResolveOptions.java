package dev.stscreds.resolve;

import dev.stscreds.mfa.MfaCodeSource;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller can add to a resolution: an MFA code given up front ({@code --mfa-token}) or a
 * source of codes of its own (a library user's dialog, say), and an STS endpoint that overrides
 * every other setting ({@code --endpoint-url}).
 */
public record ResolveOptions(Optional<String> mfaToken, Optional<MfaCodeSource> mfaCodeSource, Optional<String> endpointUrl) {
    public static final ResolveOptions NONE = new ResolveOptions(Optional.empty(), Optional.empty(), Optional.empty());

    public ResolveOptions {
        Objects.requireNonNull(mfaToken);
        Objects.requireNonNull(mfaCodeSource);
        Objects.requireNonNull(endpointUrl);
    }

    public ResolveOptions withMfaToken(String code) {
        return new ResolveOptions(Optional.ofNullable(code), mfaCodeSource, endpointUrl);
    }

    /** Codes from this source for every profile with an MFA serial (an explicit token still wins). */
    public ResolveOptions withMfaCodeSource(MfaCodeSource source) {
        return new ResolveOptions(mfaToken, Optional.ofNullable(source), endpointUrl);
    }

    public ResolveOptions withEndpointUrl(String url) {
        return new ResolveOptions(mfaToken, mfaCodeSource, Optional.ofNullable(url));
    }
}
