package dev.stscreds.bench;

import dev.stscreds.Credentials;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The warm path: a role session an hour from expiry, asked for again and again, on one thread and
 * on eight sharing one provider. Ours is AssumeRole behind the refresh decorator; the reference is
 * the AWS SDK for Java v2's {@link StsAssumeRoleCredentialsProvider} with its default stale and
 * prefetch times; both got their session from the same local STS.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class RefreshWarmBenchmark {
    private static final Duration SESSION = Duration.ofHours(1);

    private StsWorld world;
    private RefreshingCredentialsProvider stscreds;
    private StsAssumeRoleCredentialsProvider sdk;

    @Setup
    public void setUp() {
        Clock clock = Clock.systemUTC();
        world = new StsWorld(clock);
        stscreds = RefreshingCredentialsProvider.builder(world.oursUpstream(clock, SESSION)).clock(clock).build();
        sdk = world.sdkProvider(SESSION, Duration.ofMinutes(1), Duration.ofMinutes(5));
        // Fill both caches, so that every measured call is a warm one.
        if (stscreds.resolve() == null || sdk.resolveCredentials() == null) throw new IllegalStateException("caches did not fill");
    }

    @TearDown
    public void tearDown() {
        sdk.close();
        world.close();
    }

    @Benchmark
    @Threads(1)
    public Credentials stscredsResolve() {
        return stscreds.resolve();
    }

    @Benchmark
    @Threads(8)
    public Credentials stscredsResolve8Threads() {
        return stscreds.resolve();
    }

    @Benchmark
    @Threads(1)
    public AwsCredentials sdkAssumeRoleProvider() {
        return sdk.resolveCredentials();
    }

    @Benchmark
    @Threads(8)
    public AwsCredentials sdkAssumeRoleProvider8Threads() {
        return sdk.resolveCredentials();
    }
}
