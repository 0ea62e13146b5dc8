package dev.stscreds.wire.http;

import dev.stscreds.CredentialsException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An answer's body that must have arrived by a deadline. The JDK's HTTP client times out only the
 * wait for the status and headers; a body that stalls would block a read for ever. At the deadline
 * the stream is closed from the JDK's shared delayed executor (no thread of our own), which wakes
 * the blocked read, and the read fails with an error that says so.
 */
final class DeadlineInputStream extends FilterInputStream {
    private final AtomicBoolean expired = new AtomicBoolean();
    private final CompletableFuture<Void> watchdog;
    private final String where;
    private final long seconds;

    /**
     * @param where    what the body answers, e.g. {@code GET https://…}, for the error
     * @param nanos    how long from now the body may take
     * @param seconds  the whole time allowed, for the error
     */
    DeadlineInputStream(InputStream body, long nanos, String where, long seconds) {
        super(body);
        this.where = where;
        this.seconds = seconds;
        this.watchdog = CompletableFuture.runAsync(this::expire,
                CompletableFuture.delayedExecutor(Math.max(0, nanos), TimeUnit.NANOSECONDS));
    }

    private void expire() {
        expired.set(true);
        try {
            in.close();
        } catch (IOException e) {
            // closing is only to wake the reader; the read below reports the timeout
        }
    }

    @Override
    public int read() throws IOException {
        return readOrExpire(() -> in.read());
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return readOrExpire(() -> in.read(buffer, offset, length));
    }

    private interface Read {
        int run() throws IOException;
    }

    private int readOrExpire(Read read) throws IOException {
        if (expired.get()) throw timedOut();
        try {
            int n = read.run();
            if (expired.get()) throw timedOut(); // a close by the watchdog reads as the end: it is not
            return n;
        } catch (IOException e) {
            if (expired.get()) throw timedOut();
            throw e;
        }
    }

    private CredentialsException timedOut() {
        return new CredentialsException(where + ": the answer did not arrive in full within " + seconds + " s",
                "a slow or large answer may need a longer --max-time");
    }

    @Override
    public void close() throws IOException {
        watchdog.cancel(false); // a cancelled delayed task does not run
        super.close();
    }
}
