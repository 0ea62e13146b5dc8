package dev.stscreds.resolve;

import dev.stscreds.LongTermKeyStore;
import dev.stscreds.mfa.MfaCodeSource;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a caller can add to a resolution: an MFA code given up front ({@code --mfa-token}) or a
 * source of codes of its own (a library user's dialog, say), and an STS endpoint that overrides
 * every other setting ({@code --endpoint-url}).
 */
public record ResolveOptions(Optional<String> mfaToken, Optional<MfaCodeSource> mfaCodeSource, Optional<String> endpointUrl,
                             Optional<Supplier<LongTermKeyStore>> keyStore) {
    public static final ResolveOptions NONE =
            new ResolveOptions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ResolveOptions {
        Objects.requireNonNull(mfaToken);
        Objects.requireNonNull(mfaCodeSource);
        Objects.requireNonNull(endpointUrl);
        Objects.requireNonNull(keyStore);
    }

    public ResolveOptions withMfaToken(String code) {
        return new ResolveOptions(Optional.ofNullable(code), mfaCodeSource, endpointUrl, keyStore);
    }

    /** Codes from this source for every profile with an MFA serial (an explicit token still wins). */
    public ResolveOptions withMfaCodeSource(MfaCodeSource source) {
        return new ResolveOptions(mfaToken, Optional.ofNullable(source), endpointUrl, keyStore);
    }

    public ResolveOptions withEndpointUrl(String url) {
        return new ResolveOptions(mfaToken, mfaCodeSource, Optional.ofNullable(url), keyStore);
    }

    /**
     * Where long-term keys kept out of the profile files are (the vault). Opened through the
     * supplier only when such a key is really needed, so a cached session never asks for a passphrase.
     */
    public ResolveOptions withKeyStore(Supplier<LongTermKeyStore> store) {
        return new ResolveOptions(mfaToken, mfaCodeSource, endpointUrl, Optional.ofNullable(store));
    }
}
