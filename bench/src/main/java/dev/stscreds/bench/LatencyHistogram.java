package dev.stscreds.bench;

/**
 * Latencies in log-linear buckets (16 per power of two, so a percentile is within about 6%),
 * cheap enough to record every call of 64 spinning threads; one per thread, merged at the end.
 */
final class LatencyHistogram {
    private static final int SUB_BUCKETS = 16;
    private final long[] counts = new long[64 * SUB_BUCKETS];
    private long total;

    void record(long nanos) {
        counts[index(Math.max(1, nanos))]++;
        total++;
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
        total += other.total;
    }

    long count() {
        return total;
    }

    /** The upper edge of the bucket holding the {@code q} quantile, in nanoseconds. */
    long percentile(double q) {
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && counts[i] > 0) return upperEdge(i);
        }
        return 0;
    }

    private static int index(long nanos) {
        int power = 63 - Long.numberOfLeadingZeros(nanos);
        if (power < 4) return (int) nanos;
        int sub = (int) ((nanos >>> (power - 4)) & (SUB_BUCKETS - 1));
        return power * SUB_BUCKETS + sub;
    }

    private static long upperEdge(int index) {
        int power = index / SUB_BUCKETS;
        int sub = index % SUB_BUCKETS;
        if (power < 4) return index + 1;
        return (1L << power) + ((long) (sub + 1) << (power - 4));
    }
}
