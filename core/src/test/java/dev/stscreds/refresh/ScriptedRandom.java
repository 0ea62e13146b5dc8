package dev.stscreds.refresh;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Answers every bounded draw with a fixed fraction of its range (0 = the lowest value, 1 = the
 * highest), and records the ranges asked for.
 */
final class ScriptedRandom implements RandomGenerator {
    private volatile double fraction;
    final List<long[]> draws = new ArrayList<>();

    ScriptedRandom(double fraction) {
        this.fraction = fraction;
    }

    void fraction(double newFraction) {
        this.fraction = newFraction;
    }

    @Override
    public synchronized long nextLong(long origin, long bound) {
        draws.add(new long[] {origin, bound});
        return origin + Math.round(fraction * (bound - 1 - origin));
    }

    @Override
    public long nextLong() {
        throw new UnsupportedOperationException("only bounded draws are scripted");
    }
}
