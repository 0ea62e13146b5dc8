package dev.stscreds.sdkv2;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.scheme.StsAuthSchemeProvider;

/** The SDK's own STS client, pointed at a local endpoint, reading no profile file but {@code emptyConfig}. */
final class SdkSts {
    private SdkSts() {}

    static StsClient client(URI endpoint, IdentityProvider<? extends AwsCredentialsIdentity> credentials, Path emptyConfig) {
        return builder(endpoint, credentials, emptyConfig).build();
    }

    /**
     * A client that signs with {@code signingClock} (the testkit's clock), so that a test can move
     * time hours ahead without the server refusing the signatures as skewed.
     */
    static StsClient client(URI endpoint, IdentityProvider<? extends AwsCredentialsIdentity> credentials, Path emptyConfig,
                            Clock signingClock) {
        StsAuthSchemeProvider defaults = StsAuthSchemeProvider.defaultProvider();
        return builder(endpoint, credentials, emptyConfig)
                .authSchemeProvider(params -> defaults.resolveAuthScheme(params).stream()
                        .map(option -> option.toBuilder().putSignerProperty(HttpSigner.SIGNING_CLOCK, signingClock).build())
                        .toList())
                .build();
    }

    private static software.amazon.awssdk.services.sts.StsClientBuilder builder(
            URI endpoint, IdentityProvider<? extends AwsCredentialsIdentity> credentials, Path emptyConfig) {
        ProfileFile none = ProfileFile.builder().content(emptyConfig).type(ProfileFile.Type.CONFIGURATION).build();
        return StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.defaultProfileFile(none).defaultProfileName("default"));
    }
}
