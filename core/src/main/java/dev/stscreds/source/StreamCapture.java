package dev.stscreds.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;

/**
 * Drains one output stream of a child process on a short-lived daemon thread, keeping either the
 * first {@code limit} bytes (stdout: more is an overflow) or the last {@code limit} bytes (stderr:
 * the end of a long log is what explains a failure).
 *
 * <p>Both streams of a child are drained at the same time, because a child that fills the pipe
 * of the stream nobody reads blocks forever.
 */
final class StreamCapture implements Runnable {
    private final InputStream in;
    private final int limit;
    private final boolean keepTail;
    private final Runnable onOverflow;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long total;
    private volatile boolean overflowed;
    private volatile boolean ended;
    private Thread thread;

    private StreamCapture(InputStream in, int limit, boolean keepTail, Runnable onOverflow) {
        this.in = in;
        this.limit = limit;
        this.keepTail = keepTail;
        this.onOverflow = onOverflow;
    }

    /** Keeps up to {@code limit} bytes; at the first byte past it, stops reading and runs {@code onOverflow}. */
    static StreamCapture keepingFirst(InputStream in, int limit, Runnable onOverflow) {
        return new StreamCapture(in, limit, false, onOverflow);
    }

    /** Reads to the end, keeping the last {@code limit} bytes. */
    static StreamCapture keepingLast(InputStream in, int limit) {
        return new StreamCapture(in, limit, true, () -> {});
    }

    StreamCapture start(String threadName) {
        thread = new Thread(this, threadName);
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[8192];
        try {
            int n;
            while ((n = in.read(chunk)) != -1) {
                if (!keep(chunk, n)) {
                    overflowed = true;
                    onOverflow.run();
                    return;
                }
            }
        } catch (IOException closedUnderUs) {
            // The stream was closed after the child ended; what was read so far is kept.
        } finally {
            ended = true;
        }
    }

    /**
     * Waits up to {@code grace} for the end of the stream. False when something still holds the
     * pipe open, e.g. a background process the command started.
     */
    boolean awaitEnd(Duration grace) throws InterruptedException {
        if (!grace.isNegative() && !grace.isZero()) {
            thread.join(Math.max(1, grace.toMillis()));
        }
        return ended;
    }

    boolean overflowed() {
        return overflowed;
    }

    /** The bytes kept so far (safe to call while the thread still runs). */
    synchronized byte[] bytes() {
        byte[] all = buffer.toByteArray();
        return all.length <= limit ? all : Arrays.copyOfRange(all, all.length - limit, all.length);
    }

    /** True when more than {@code limit} bytes went through a tail capture, so its start is missing. */
    synchronized boolean truncated() {
        return total > limit;
    }

    private synchronized boolean keep(byte[] chunk, int n) {
        if (!keepTail) {
            if (buffer.size() + n > limit) return false;
            buffer.write(chunk, 0, n);
            return true;
        }
        buffer.write(chunk, 0, n);
        total += n;
        if (buffer.size() > 2 * limit) {
            // Compact now and then rather than on every chunk: a 1 MB log costs little.
            byte[] all = buffer.toByteArray();
            buffer.reset();
            buffer.write(all, all.length - limit, limit);
        }
        return true;
    }
}
