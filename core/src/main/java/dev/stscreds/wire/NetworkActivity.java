package dev.stscreds.wire;

import java.util.Objects;

/**
 * Tells an interested party (the command line's progress indicator) when a network exchange starts
 * and ends, so that a slow one can be shown. Process-wide because the exchanges happen deep inside
 * providers that know nothing of terminals; without a listener it costs one volatile read.
 */
public final class NetworkActivity {

    /** Learns of each exchange; must return quickly and never throw. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param what where the exchange goes, e.g. {@code sts.eu-west-1.amazonaws.com}; never a secret
         * @return closed when the exchange ends, whatever its outcome
         */
        Exchange started(String what);
    }

    /** One exchange under way. */
    @FunctionalInterface
    public interface Exchange extends AutoCloseable {
        @Override
        void close();
    }

    private static final Exchange NOTHING = () -> {};
    private static final Listener NOBODY = what -> NOTHING;
    private static volatile Listener listener = NOBODY;

    private NetworkActivity() {}

    /**
     * Makes {@code l} the listener.
     *
     * @return the previous listener, to put back when done
     */
    public static Listener listen(Listener l) {
        Listener previous = listener;
        listener = Objects.requireNonNull(l, "listener");
        return previous;
    }

    /** Stops telling anyone. */
    public static void stopListening() {
        listener = NOBODY;
    }

    /** Called by the code that talks to the network around each exchange. */
    public static Exchange begin(String what) {
        Listener l = listener;
        if (l == NOBODY) return NOTHING;
        try {
            Exchange e = l.started(what);
            return e == null ? NOTHING : e;
        } catch (RuntimeException e) {
            // A progress display must never break a credential fetch.
            return NOTHING;
        }
    }
}
