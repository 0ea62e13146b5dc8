package dev.stscreds.resolve;

import dev.stscreds.CredentialsProvider;
import dev.stscreds.LongTermKeyStore;
import dev.stscreds.mfa.MfaCodeSource;
import dev.stscreds.refresh.RefreshListener;
import dev.stscreds.refresh.RefreshPolicy;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a caller can add to a resolution: an MFA code given up front ({@code --mfa-token}) or a
 * source of codes of its own (a library user's dialog, say), and an STS endpoint that overrides
 * every other setting ({@code --endpoint-url}); and how the refresh caches behave (a server wants
 * {@link RefreshPolicy#serving()} and a listener that logs failed refreshes).
 */
public record ResolveOptions(Optional<String> mfaToken, Optional<MfaCodeSource> mfaCodeSource, Optional<String> endpointUrl,
                             Optional<Supplier<LongTermKeyStore>> keyStore, RefreshPolicy refreshPolicy,
                             RefreshListener refreshListener) {
    public static final ResolveOptions NONE = new ResolveOptions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), RefreshPolicy.standard(), RefreshListener.NONE);

    public ResolveOptions {
        Objects.requireNonNull(mfaToken);
        Objects.requireNonNull(mfaCodeSource);
        Objects.requireNonNull(endpointUrl);
        Objects.requireNonNull(keyStore);
        Objects.requireNonNull(refreshPolicy);
        Objects.requireNonNull(refreshListener);
    }

    /** The policy of every refresh cache the resolution builds. */
    public ResolveOptions withRefreshPolicy(RefreshPolicy policy) {
        return new ResolveOptions(mfaToken, mfaCodeSource, endpointUrl, keyStore, policy, refreshListener);
    }

    /** Hears of every failed fetch of every refresh cache the resolution builds. */
    public ResolveOptions withRefreshListener(RefreshListener listener) {
        return new ResolveOptions(mfaToken, mfaCodeSource, endpointUrl, keyStore, refreshPolicy, listener);
    }

    /** A refresh cache over {@code upstream} with these options' policy and listener. */
    RefreshingCredentialsProvider.Builder refreshing(CredentialsProvider upstream) {
        return RefreshingCredentialsProvider.builder(upstream).policy(refreshPolicy).listener(refreshListener);
    }

    public ResolveOptions withMfaToken(String code) {
        return new ResolveOptions(Optional.ofNullable(code), mfaCodeSource, endpointUrl, keyStore, refreshPolicy, refreshListener);
    }

    /** Codes from this source for every profile with an MFA serial (an explicit token still wins). */
    public ResolveOptions withMfaCodeSource(MfaCodeSource source) {
        return new ResolveOptions(mfaToken, Optional.ofNullable(source), endpointUrl, keyStore, refreshPolicy, refreshListener);
    }

    public ResolveOptions withEndpointUrl(String url) {
        return new ResolveOptions(mfaToken, mfaCodeSource, Optional.ofNullable(url), keyStore, refreshPolicy, refreshListener);
    }

    /**
     * Where long-term keys kept out of the profile files are (the vault). Opened through the
     * supplier only when such a key is really needed, so a cached session never asks for a passphrase.
     */
    public ResolveOptions withKeyStore(Supplier<LongTermKeyStore> store) {
        return new ResolveOptions(mfaToken, mfaCodeSource, endpointUrl, Optional.ofNullable(store), refreshPolicy, refreshListener);
    }
}
