package dev.stscreds.bench;

import dev.stscreds.Credentials;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import java.time.Duration;
import java.time.Instant;
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
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.OneCallerBlocks;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * The warm path: credentials one hour from expiry, asked for again and again, on one thread and
 * on eight sharing one provider. Beside ours, the AWS SDK for Java v2's {@link CachedSupplier}
 * set up as its STS providers do (stale 1 min and prefetch 5 min before expiry, one caller
 * blocks), so one run compares them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class RefreshWarmBenchmark {
    private static final Duration SDK_STALE_BEFORE_EXPIRY = Duration.ofMinutes(1);
    private static final Duration SDK_PREFETCH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private RefreshingCredentialsProvider stscreds;
    private CachedSupplier<Credentials> sdk;

    @Setup
    public void setUp() {
        stscreds = RefreshingCredentialsProvider.builder(RefreshWarmBenchmark::sessionOneHourFromNow).build();
        sdk = CachedSupplier.builder(() -> {
                    Credentials session = sessionOneHourFromNow();
                    Instant expiration = session.expiration().orElseThrow();
                    return RefreshResult.builder(session)
                            .staleTime(expiration.minus(SDK_STALE_BEFORE_EXPIRY))
                            .prefetchTime(expiration.minus(SDK_PREFETCH_BEFORE_EXPIRY))
                            .build();
                })
                .prefetchStrategy(new OneCallerBlocks())
                .cachedValueName("bench session")
                .build();
        // Fill both caches, so that every measured call is a warm one.
        if (stscreds.resolve() == null || sdk.get() == null) {
            throw new IllegalStateException("caches did not fill");
        }
    }

    @TearDown
    public void tearDown() {
        sdk.close();
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
    public Credentials sdkCachedSupplierGet() {
        return sdk.get();
    }

    @Benchmark
    @Threads(8)
    public Credentials sdkCachedSupplierGet8Threads() {
        return sdk.get();
    }

    private static Credentials sessionOneHourFromNow() {
        return Credentials.builder()
                .accessKeyId("ASIABENCHMARKEXAMPLE")
                .secretAccessKey("bench-secret")
                .sessionToken("bench-token")
                .expiration(Instant.now().plus(Duration.ofHours(1)))
                .source("bench")
                .build();
    }
}
