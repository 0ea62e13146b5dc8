package dev.stscreds.files;

import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exclusive lock on a file for a read-modify-write, held against other threads of this JVM and against
 * other processes.
 *
 * <p>The lock is taken on a lock file beside the target, {@code .NAME.lock} (mode 0600), never on the
 * target itself, because the target is replaced by rename while the lock is held. The operating system
 * releases the lock when the process dies, so a lock file left behind is harmless and is not deleted
 * (deleting it would let two processes lock two different files). {@link FileChannel#lock} only excludes
 * other processes, so a per-file semaphore excludes the threads of this JVM first. The lock is not
 * reentrant: a thread that acquires it twice waits for itself and times out.
 *
 * <p>For files in folders that other tools own ({@code ~/.aws/cli/cache}, {@code ~/.aws/sso/cache}),
 * {@link #acquireNamed} keeps the lock file in a folder of stscreds' own instead.
 *
 * <pre>{@code
 * try (FileLock lock = FileLock.acquire(file, Duration.ofSeconds(10))) {
 *     ... read file, change, AtomicFiles.write(file, ...)
 * }
 * }</pre>
 */
public final class FileLock implements AutoCloseable {
    /** One semaphore per resolved target, kept for the life of the JVM (a handful of files). */
    private static final ConcurrentMap<Path, Semaphore> THIS_PROCESS = new ConcurrentHashMap<>();
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long LONGEST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Path target;
    private final Path lockFile;
    private final Semaphore threads;
    private final FileChannel channel;
    private final java.nio.channels.FileLock processes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FileLock(Path target, Path lockFile, Semaphore threads, FileChannel channel, java.nio.channels.FileLock processes) {
        this.target = target;
        this.lockFile = lockFile;
        this.threads = threads;
        this.channel = channel;
        this.processes = processes;
    }

    /**
     * Waits up to {@code timeout} for the lock on {@code target} (which need not exist yet; its folder is
     * created 0700 when missing).
     *
     * @throws CredentialsException naming the file when the timeout passes, the thread is interrupted or
     *     the lock file cannot be opened
     */
    public static FileLock acquire(Path target, Duration timeout) {
        Path file;
        try {
            file = PrivatePaths.resolveTarget(target);
        } catch (IOException e) {
            throw cannotOpen(target, target, e);
        }
        return lock(file, file.resolveSibling("." + file.getFileName() + ".lock"), timeout);
    }

    /**
     * Waits up to {@code timeout} for the lock named {@code name}, whose lock file is {@code NAME.lock} in
     * {@code lockFolder} (created 0700 when missing). Every process that names the same lock in the same
     * folder shares it.
     *
     * @param name a file name: letters, digits, {@code .}, {@code -} and {@code _}
     * @throws CredentialsException as {@link #acquire}
     */
    public static FileLock acquireNamed(Path lockFolder, String name, Duration timeout) {
        if (!name.matches("[A-Za-z0-9._-]{1,200}") || name.startsWith(".")) {
            throw new IllegalArgumentException("not a lock name: " + name);
        }
        Path lockFile = lockFolder.toAbsolutePath().normalize().resolve(name + ".lock");
        return lock(lockFile, lockFile, timeout);
    }

    private static FileLock lock(Path file, Path lockFile, Duration timeout) {
        long deadline = System.nanoTime() + budgetNanos(timeout);
        Semaphore threads = THIS_PROCESS.computeIfAbsent(file, f -> new Semaphore(1));
        try {
            if (!threads.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                throw timedOut(file, lockFile, timeout, "another thread of this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException("Interrupted while waiting for the lock on " + file, null, e);
        }
        FileChannel channel = null;
        try {
            PrivatePaths.createFolders(lockFile.getParent());
            channel = FileChannel.open(
                    lockFile,
                    java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PrivatePaths.ownerOnlyFile(lockFile.getParent()));
            java.nio.channels.FileLock processes = waitForProcesses(channel, deadline, file, lockFile, timeout);
            return new FileLock(file, lockFile, threads, channel, processes);
        } catch (IOException e) {
            closeQuietly(channel);
            threads.release();
            throw cannotOpen(file, lockFile, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            threads.release();
            throw e;
        }
    }

    /** The file this lock protects (absolute, symbolic links followed). */
    public Path target() {
        return target;
    }

    /** The lock file beside the target. */
    public Path lockFile() {
        return lockFile;
    }

    /** Releases the lock; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        try {
            processes.release();
        } catch (IOException ignored) {
            // closing the channel below releases the lock as well
        } finally {
            closeQuietly(channel);
            threads.release();
        }
    }

    private static java.nio.channels.FileLock waitForProcesses(
            FileChannel channel, long deadline, Path file, Path lockFile, Duration timeout) throws IOException {
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            java.nio.channels.FileLock lock = tryLock(channel);
            if (lock != null) return lock;
            long left = deadline - System.nanoTime();
            if (left <= 0) throw timedOut(file, lockFile, timeout, "another process");
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(pause, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CredentialsException("Interrupted while waiting for the lock on " + file, null, e);
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_NANOS);
        }
    }

    private static java.nio.channels.FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // this JVM holds the lock file through another channel (code outside this class): wait as for a process
            return null;
        }
    }

    private static CredentialsException timedOut(Path file, Path lockFile, Duration timeout, String holder) {
        return new CredentialsException(
                "Timed out after " + describe(timeout) + " waiting for the lock on " + file + " (held by " + holder
                        + " through " + lockFile + ")",
                "another stscreds command may still be writing this file; wait for it to finish and try again");
    }

    private static CredentialsException cannotOpen(Path file, Path lockFile, IOException e) {
        return new CredentialsException(
                "Could not lock " + file + ": cannot open " + lockFile + ": " + PrivatePaths.reason(e),
                "check that the folder exists or can be created and is writable by this user",
                e);
    }

    /** The timeout in nanoseconds, negative as zero and capped at a day so the arithmetic cannot overflow. */
    private static long budgetNanos(Duration timeout) {
        if (timeout.isNegative()) return 0;
        Duration day = Duration.ofDays(1);
        return (timeout.compareTo(day) > 0 ? day : timeout).toNanos();
    }

    private static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to release
        }
    }
}
