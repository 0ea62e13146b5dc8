package dev.stscreds.bench;

import dev.stscreds.Credentials;
import dev.stscreds.wire.sigv4.SigV4Signer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signing an STS AssumeRole POST with session credentials: ours beside the AWS SDK for Java v2's
 * signer, both configured to produce the same headers (payload hash header included).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigV4SigningBenchmark {
    private static final String KEY_ID = "ASIAEXAMPLEEXAMPLE00";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLEsessionTOKENvalue/with+slash==";
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final URI ENDPOINT = URI.create("https://sts.us-east-1.amazonaws.com/");
    private static final String BODY = "Action=AssumeRole&Version=2011-06-15"
            + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2FAdmin&RoleSessionName=bench";

    private final SigV4Signer ours = SigV4Signer.builder("sts", "us-east-1").signPayloadHashHeader(true).build();
    private final Credentials credentials = Credentials.builder()
            .accessKeyId(KEY_ID).secretAccessKey(SECRET).sessionToken(TOKEN).source("bench").build();

    private final AwsV4HttpSigner sdk = AwsV4HttpSigner.create();
    private final AwsSessionCredentialsIdentity sdkCredentials = AwsSessionCredentialsIdentity.create(KEY_ID, SECRET, TOKEN);
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Benchmark
    public String stscredsSignStsPost() {
        return ours.signFormPost(ENDPOINT, BODY, credentials, NOW).authorization();
    }

    @Benchmark
    public String sdkV2SignStsPost() {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(ENDPOINT)
                .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build();
        return sdk.sign(r -> r.identity(sdkCredentials).request(request)
                        .payload(ContentStreamProvider.fromUtf8String(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock))
                .request().firstMatchingHeader("Authorization").orElseThrow();
    }
}
