package dev.stscreds.serve;

import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The server's log: lines go into a bounded queue and one thread of its own writes them out, so a
 * sink that is slow or stuck (a stderr nobody reads, a full pipe) never holds up a request. When the
 * queue is full a line is dropped and counted; the count is written as soon as the sink takes lines
 * again. Each line starts with the time on the server's clock.
 *
 * <p>Owns its writer thread (a daemon): close it.
 */
public final class RequestLog implements Consumer<String>, AutoCloseable {
    /** Lines held while the sink is slow; beyond this they are dropped and counted. */
    public static final int CAPACITY = 1024;

    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out;
    private final Clock clock;
    private final Thread writer;
    private volatile boolean open = true;

    private RequestLog(Writer out, Clock clock) {
        this.out = out;
        this.clock = clock;
        this.writer = new Thread(this::writeLines, "stscreds-serve-log");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** Lines to {@code sink} (stderr, say). */
    public static RequestLog to(Writer sink, Clock clock) {
        return new RequestLog(sink, clock);
    }

    /**
     * Lines appended to {@code file}, created readable and writable by its owner only (an existing
     * file is made so); a symbolic link or anything but a regular file is refused.
     */
    public static RequestLog toFile(Path file, Clock clock) {
        try {
            boolean posix = Files.getFileStore(file.toAbsolutePath().getParent()).supportsFileAttributeView("posix");
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            var channel = posix
                    ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.newByteChannel(file, options);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                channel.close();
                throw new IOException("not a regular file");
            }
            if (posix) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            OutputStream stream = Channels.newOutputStream(channel);
            return new RequestLog(new OutputStreamWriter(stream, StandardCharsets.UTF_8), clock);
        } catch (IOException | UnsupportedOperationException e) {
            throw new CredentialsException("cannot write the log file " + file + " (" + e.getMessage() + ")",
                    "give --log-file a regular file in a folder you can write (not a symbolic link)");
        }
    }

    /** Queues one line; never waits. */
    @Override
    public void accept(String line) {
        if (!open || !queue.offer(stamp() + " " + line)) dropped.incrementAndGet();
    }

    /** Lines dropped so far and not yet reported in the log. */
    public long dropped() {
        return dropped.get();
    }

    private String stamp() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private void writeLines() {
        try {
            while (open || !queue.isEmpty()) {
                String line = queue.poll(200, TimeUnit.MILLISECONDS);
                if (line == null) continue;
                long lost = dropped.getAndSet(0);
                if (lost > 0) {
                    out.write(stamp() + " " + lost + " log line" + (lost == 1 ? " was" : "s were")
                            + " dropped: the log could not keep up\n");
                }
                out.write(line);
                out.write('\n');
                if (queue.isEmpty()) out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            open = false; // the sink is gone: later lines are counted as dropped
        }
    }

    /** Writes what is queued if the sink takes it within a second, then stops; never waits longer. */
    @Override
    public void close() {
        open = false;
        try {
            writer.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!writer.isAlive()) {
            try {
                long lost = dropped.getAndSet(0);
                if (lost > 0) out.write(stamp() + " " + lost + " log lines were dropped: the log could not keep up\n");
                out.flush();
            } catch (IOException e) {
                // nothing more to tell anyone
            }
        }
    }
}
