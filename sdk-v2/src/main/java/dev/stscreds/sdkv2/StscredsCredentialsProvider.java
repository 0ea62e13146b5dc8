package dev.stscreds.sdkv2;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.config.Settings;
import dev.stscreds.resolve.DefaultCredentialsChain;
import dev.stscreds.resolve.ProfileCredentialsProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

/**
 * stscreds' credential resolution wherever the AWS SDK for Java v2 takes an
 * {@link AwsCredentialsProvider} or an {@code IdentityProvider<AwsCredentialsIdentity>}:
 *
 * <pre>{@code
 * StsClient sts = StsClient.builder()
 *         .credentialsProvider(StscredsCredentialsProvider.profile("dev"))
 *         .build();
 * }</pre>
 *
 * <p>The SDK asks its credentials provider once per request (it keeps no copy of its own), so
 * caching and refreshing stay where stscreds does them: in the provider being adapted (profile
 * and chain providers refresh sessions before they expire, with one STS call per refresh however
 * many threads ask). Answers from that cache cost no I/O; a refresh in the mandatory window runs
 * on the calling thread, also for the SDK's async clients.
 *
 * <p>Owns nothing: stscreds' background refreshes run on one pool shared by the library, so
 * there is nothing to close.
 */
public final class StscredsCredentialsProvider implements AwsCredentialsProvider {
    private final CredentialsProvider provider;

    private StscredsCredentialsProvider(CredentialsProvider provider) {
        this.provider = Objects.requireNonNull(provider, "provider");
    }

    /** The default chain (system properties, environment, web identity, profile, container, instance metadata), as stscreds resolves it. */
    public static StscredsCredentialsProvider create() {
        return of(DefaultCredentialsChain.create(Settings.fromSystem(), Clock.systemUTC()));
    }

    /**
     * The named profile of {@code ~/.aws/config} and {@code ~/.aws/credentials}, whatever it takes:
     * keys, {@code credential_process}, a chain of roles with MFA (the code from {@code mfa_process}
     * or asked on the terminal), sessions shared with the AWS CLI's cache.
     */
    public static StscredsCredentialsProvider profile(String profileName) {
        return of(new ProfileCredentialsProvider(Settings.fromSystem(), profileName, Clock.systemUTC()));
    }

    /**
     * Any stscreds provider, e.g. a {@link ProfileCredentialsProvider} built with
     * {@code ResolveOptions} (an MFA code source of the application's own) or a
     * {@code RefreshingCredentialsProvider} around a source of the application's own.
     */
    public static StscredsCredentialsProvider of(CredentialsProvider provider) {
        return new StscredsCredentialsProvider(provider);
    }

    /**
     * The current credentials: {@code AwsSessionCredentials} for temporary ones (with their
     * expiration and account), {@code AwsBasicCredentials} for long-term keys.
     *
     * @throws SdkClientException when stscreds cannot resolve credentials; its message says what
     *                            failed and what to do, and never holds a secret
     */
    @Override
    public AwsCredentials resolveCredentials() {
        Credentials credentials;
        try {
            credentials = provider.resolve();
        } catch (CredentialsException e) {
            throw SdkCredentialsMapping.failure(provider.name(), e);
        }
        return SdkCredentialsMapping.toSdk(credentials, providerName());
    }

    /**
     * The same as {@link #resolveCredentials()}, as the SDK's identity API wants it: resolved on the
     * calling thread, and a failure is a future completed with the {@link SdkClientException}.
     */
    @Override
    public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
        try {
            return CompletableFuture.completedFuture(resolveCredentials());
        } catch (SdkClientException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private String providerName() {
        return "stscreds " + provider.name();
    }

    @Override
    public String toString() {
        return "StscredsCredentialsProvider(" + provider.name() + ")";
    }
}
