package dev.stscreds.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The faults armed on one local endpoint. Tests arm and clear them; the server takes one for each
 * request it receives. The oldest armed fault that matches a request wins. Thread-safe.
 */
public final class Faults {
    private static final int FOREVER = -1;

    private final List<Armed> armed = new ArrayList<>();

    /** Apply {@code fault} to the next {@code times} matching requests, then stop. */
    public synchronized Faults next(int times, Fault fault) {
        if (times <= 0) throw new IllegalArgumentException("times must be positive: " + times);
        armed.add(new Armed(fault, times));
        return this;
    }

    /** Apply {@code fault} to every matching request until {@link #clear()}. */
    public synchronized Faults always(Fault fault) {
        armed.add(new Armed(fault, FOREVER));
        return this;
    }

    /** Disarm everything: requests get normal answers again. */
    public synchronized void clear() {
        armed.clear();
    }

    /** How many faulty answers are still to come ({@code Integer.MAX_VALUE} if one is armed forever). */
    public synchronized int remaining() {
        int sum = 0;
        for (Armed a : armed) {
            if (a.remaining == FOREVER) return Integer.MAX_VALUE;
            sum += a.remaining;
        }
        return sum;
    }

    /** The fault for this request, if one is armed for it; uses up one of its counted times. */
    synchronized Optional<Fault> take(LoopbackHttp.Request request) {
        for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
            Armed a = it.next();
            if (!a.fault.matches(request)) continue;
            if (a.remaining != FOREVER && --a.remaining == 0) it.remove();
            return Optional.of(a.fault);
        }
        return Optional.empty();
    }

    private static final class Armed {
        final Fault fault;
        int remaining;

        Armed(Fault fault, int remaining) {
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
