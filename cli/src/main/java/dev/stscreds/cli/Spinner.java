package dev.stscreds.cli;

import dev.stscreds.wire.NetworkActivity;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress indicator on standard error for network exchanges that take longer than
 * half a second: nothing for fast ones, so that output stays clean. Drawn only on a terminal,
 * and erased when the exchange ends, so it never mixes with what a command prints.
 */
final class Spinner implements NetworkActivity.Listener, AutoCloseable {
    static final long DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long FRAME_MILLIS = 100;
    private static final String[] FRAMES = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

    private final PrintStream err;
    private final LongSupplier nanoTime;
    private ScheduledExecutorService ticker;
    private ScheduledFuture<?> ticking;

    // Guarded by this: the exchange shown (the latest to start) and how many are under way.
    private String what;
    private long since;
    private int underWay;
    private int frame;
    private boolean drawn;

    Spinner(PrintStream err, LongSupplier nanoTime) {
        this.err = err;
        this.nanoTime = nanoTime;
    }

    /** Starts drawing on a daemon thread of its own. */
    static Spinner start(PrintStream err) {
        Spinner s = new Spinner(err, System::nanoTime);
        s.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stscreds-spinner");
            t.setDaemon(true);
            return t;
        });
        s.ticking = s.ticker.scheduleAtFixedRate(s::tick, FRAME_MILLIS, FRAME_MILLIS, TimeUnit.MILLISECONDS);
        return s;
    }

    @Override
    public synchronized NetworkActivity.Exchange started(String exchange) {
        what = exchange;
        since = nanoTime.getAsLong();
        underWay++;
        return this::ended;
    }

    private synchronized void ended() {
        underWay--;
        if (underWay == 0) erase();
    }

    /** Draws the next frame when an exchange has been under way for longer than the delay. */
    synchronized void tick() {
        if (underWay == 0) return;
        long elapsed = nanoTime.getAsLong() - since;
        if (elapsed < DELAY_NANOS) return;
        String seconds = String.format(java.util.Locale.ROOT, "%.1f", elapsed / 1e9);
        err.print("\r\u001b[K" + FRAMES[frame++ % FRAMES.length] + " waiting for " + what + " (" + seconds + " s)");
        err.flush();
        drawn = true;
    }

    private void erase() {
        if (!drawn) return;
        err.print("\r\u001b[K");
        err.flush();
        drawn = false;
    }

    @Override
    public synchronized void close() {
        if (ticking != null) ticking.cancel(false);
        if (ticker != null) ticker.shutdownNow();
        erase();
    }
}
