package dev.stscreds.bench;

import dev.stscreds.Credentials;
import dev.stscreds.refresh.RefreshPolicy;
import dev.stscreds.refresh.RefreshingCredentialsProvider;
import dev.stscreds.testkit.Fault;
import dev.stscreds.testkit.MutableClock;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The refresh storm: 64 threads asking for credentials without pause while the session expires
 * again and again, against a local STS that takes 20 ms to answer. Counts the upstream calls
 * (one per expiry is the goal) and the readers' p99.9 latency while a refresh is due (our advisory
 * window; the SDK's prefetch window). Ours runs on a test clock moved from window to window; the
 * SDK, whose clock cannot be set, gets sessions that expire about four seconds after they are
 * issued (prefetch 1 s, stale 0.5 s before expiry), so its run takes real time.
 *
 * <pre>java … dev.stscreds.bench.RefreshStorm [OUR_EXPIRIES] [SDK_EXPIRIES] [ROWS.tsv]</pre>
 *
 * <p>Expiries are counted as the readers see them: the session they get changes.
 */
public final class RefreshStorm {
    private static final int READERS = 64;
    private static final Duration LATENCY = Duration.ofMillis(20);
    /** STS writes expiries in whole seconds: a session of this much lives 3 to 4 s, well past the SDK's windows. */
    private static final Duration SDK_LIFETIME = Duration.ofSeconds(4);
    private static final Duration SDK_PREFETCH = Duration.ofSeconds(1);
    private static final Duration SDK_STALE = Duration.ofMillis(500);
    /** STS's shortest session; the SDK's STS runs this much minus the lifetime behind, within the 15-minute skew. */
    private static final Duration SHORTEST_SESSION = Duration.ofSeconds(900);

    /** {@code expiries}: how many times the readers saw the session change; {@code upstreamCalls}: STS calls meanwhile. */
    private record Result(int expiries, int upstreamCalls, LatencyHistogram inWindow, LatencyHistogram all) {}

    private RefreshStorm() {}

    public static void main(String[] args) throws Exception {
        Result ours = ours(args.length > 0 ? Integer.parseInt(args[0]) : 100);
        Result sdk = sdk(args.length > 1 ? Integer.parseInt(args[1]) : 100);
        List<String> rows = List.of(
                row("refresh storm: STS calls per 100 expiries", Math.round(100.0 * ours.upstreamCalls() / ours.expiries()),
                        Math.round(100.0 * sdk.upstreamCalls() / sdk.expiries()), "calls"),
                row("refresh storm: reader p99.9 in refresh window", ours.inWindow().percentile(0.999),
                        sdk.inWindow().percentile(0.999), "ns"));
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "refresh storm, %d readers, STS latency %d ms: ours %d calls for %d expiries, %d reads (%d in window);"
                        + " SDK %d calls for %d expiries, %d reads (%d in window)%n", READERS, LATENCY.toMillis(),
                ours.upstreamCalls(), ours.expiries(), ours.all().count(), ours.inWindow().count(),
                sdk.upstreamCalls(), sdk.expiries(), sdk.all().count(), sdk.inWindow().count());
        if (args.length > 2) Files.write(Path.of(args[2]), rows);
        else rows.forEach(out::println);
    }

    /** A table row: figure, ours, reference, reference name, ratio (reference / ours). */
    private static String row(String figure, long ours, long reference, String unit) {
        String o = unit.equals("ns") ? format(ours) : ours + " " + unit;
        String r = unit.equals("ns") ? format(reference) : reference + " " + unit;
        return figure + "\t" + o + "\t" + r + "\tSDK v2 StsAssumeRole…Provider\t"
                + String.format(Locale.ROOT, "%.2f", (double) reference / Math.max(1, ours));
    }

    private static String format(long nanos) {
        if (nanos >= 1_000_000) return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }

    private static Result ours(int expiries) throws InterruptedException {
        MutableClock clock = new MutableClock(Instant.now());
        Duration lifetime = Duration.ofHours(1);
        Duration advisory = RefreshPolicy.standard().advisoryWindow(lifetime);
        try (StsWorld world = new StsWorld(clock)) {
            world.sts.faults().always(Fault.delay(LATENCY));
            RefreshingCredentialsProvider provider = RefreshingCredentialsProvider.builder(world.oursUpstream(clock, lifetime))
                    .clock(clock).build();
            provider.resolve();
            Readers readers = new Readers(() -> {
                Credentials c = provider.resolve();
                return new Session(c.accessKeyId(), c.expiration().orElseThrow());
            }, clock, advisory);
            readers.start();
            for (int i = 0; i < expiries; i++) {
                Instant expiry = provider.cached().orElseThrow().expiration().orElseThrow();
                clock.set(expiry.minus(advisory).plusMillis(1));
                // The readers' calls start the background refresh; wait for it to land.
                while (provider.cached().orElseThrow().expiration().orElseThrow().equals(expiry)) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
                }
            }
            readers.stop();
            return new Result(readers.sessionsSeen() - 1, world.sts.calls("AssumeRole") - 1, readers.inWindow(), readers.all());
        }
    }

    private static Result sdk(int expiries) throws InterruptedException {
        Clock stsClock = Clock.offset(Clock.systemUTC(), SDK_LIFETIME.minus(SHORTEST_SESSION));
        try (StsWorld world = new StsWorld(stsClock);
             StsAssumeRoleCredentialsProvider provider = world.sdkProvider(SHORTEST_SESSION, SDK_STALE, SDK_PREFETCH)) {
            world.sts.faults().always(Fault.delay(LATENCY));
            provider.resolveCredentials();
            Readers readers = new Readers(() -> {
                AwsCredentials c = provider.resolveCredentials();
                return new Session(c.accessKeyId(), c.expirationTime().orElseThrow());
            }, Clock.systemUTC(), SDK_PREFETCH);
            readers.start();
            while (readers.sessionsSeen() <= expiries) LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            readers.stop();
            return new Result(readers.sessionsSeen() - 1, world.sts.calls("AssumeRole") - 1, readers.inWindow(), readers.all());
        }
    }

    private record Session(String accessKeyId, Instant expiry) {}

    /** 64 threads reading without pause; a read counts as "in the window" when it starts that close to the expiry it last saw. */
    private static final class Readers {
        private final Supplier<Session> read;
        private final Clock clock;
        private final Duration window;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();
        private final List<LatencyHistogram[]> histograms = new ArrayList<>();
        private final Set<String> sessions = ConcurrentHashMap.newKeySet();

        Readers(Supplier<Session> read, Clock clock, Duration window) {
            this.read = read;
            this.clock = clock;
            this.window = window;
        }

        void start() {
            for (int i = 0; i < READERS; i++) {
                LatencyHistogram[] mine = {new LatencyHistogram(), new LatencyHistogram()};
                histograms.add(mine);
                Thread t = new Thread(() -> {
                    Session last = read.get();
                    sessions.add(last.accessKeyId());
                    while (running.get()) {
                        boolean inWindow = !clock.instant().isBefore(last.expiry().minus(window));
                        long start = System.nanoTime();
                        Session now = read.get();
                        long took = System.nanoTime() - start;
                        if (!now.accessKeyId().equals(last.accessKeyId())) sessions.add(now.accessKeyId());
                        last = now;
                        mine[1].record(took);
                        if (inWindow) mine[0].record(took);
                    }
                }, "storm-reader-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) t.join();
        }

        /** Sessions told apart by their access key id, the first one included. */
        int sessionsSeen() {
            return sessions.size();
        }

        LatencyHistogram inWindow() {
            LatencyHistogram sum = new LatencyHistogram();
            histograms.forEach(h -> sum.add(h[0]));
            return sum;
        }

        LatencyHistogram all() {
            LatencyHistogram sum = new LatencyHistogram();
            histograms.forEach(h -> sum.add(h[1]));
            return sum;
        }
    }

}
