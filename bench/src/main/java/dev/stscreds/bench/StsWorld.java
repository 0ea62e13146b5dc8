package dev.stscreds.bench;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsProvider;
import dev.stscreds.source.AssumeRoleCredentialsProvider;
import dev.stscreds.testkit.sts.AccessKey;
import dev.stscreds.testkit.sts.LocalSts;
import dev.stscreds.wire.sts.AssumeRoleRequest;
import dev.stscreds.wire.sts.StsClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * A local STS with a user and a role it may assume, and the two providers the refresh benchmarks
 * compare on it: ours (AssumeRole behind the refresh decorator's caller) and the SDK's
 * {@link StsAssumeRoleCredentialsProvider}.
 */
final class StsWorld implements AutoCloseable {
    final LocalSts sts;
    final AccessKey key;
    final String role;

    StsWorld(Clock clock) {
        sts = new LocalSts().clock(clock).start();
        sts.createUser("bench");
        key = sts.createAccessKey("bench");
        role = sts.createRole("Bench", """
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "arn:aws:iam::%s:user/bench"}}]}"""
                .formatted(LocalSts.DEFAULT_ACCOUNT));
    }

    /** Our AssumeRole source, signing with {@code clock}; wrap it in the refresh decorator. */
    CredentialsProvider oursUpstream(Clock clock, Duration duration) {
        Credentials user = Credentials.of(key.accessKeyId(), key.secretAccessKey(), "bench user");
        AssumeRoleRequest request = AssumeRoleRequest.builder(role).roleSessionName("bench").duration(duration).build();
        return new AssumeRoleCredentialsProvider(StsClient.create(sts.endpoint(), "us-east-1", clock), () -> user, request,
                (serial, profile) -> { throw new IllegalStateException("no MFA here"); }, "bench");
    }

    /** The SDK's provider as its builder makes it, with the given stale and prefetch times. */
    StsAssumeRoleCredentialsProvider sdkProvider(Duration duration, Duration staleTime, Duration prefetchTime) {
        software.amazon.awssdk.services.sts.StsClient client = software.amazon.awssdk.services.sts.StsClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(sts.endpoint().toString()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key.accessKeyId(), key.secretAccessKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(client)
                .refreshRequest(r -> r.roleArn(role).roleSessionName("bench").durationSeconds((int) duration.toSeconds()))
                .staleTime(staleTime)
                .prefetchTime(prefetchTime)
                .build();
    }

    @Override
    public void close() {
        sts.close();
    }
}
