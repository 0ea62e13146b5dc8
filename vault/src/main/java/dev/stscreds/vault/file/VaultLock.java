package dev.stscreds.vault.file;

import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Excludes other writers of the vault, in this JVM and in other processes: an in-JVM lock per lock
 * file (the OS lock is held per process, and a second {@code FileChannel.lock} in the same JVM
 * would throw), then an exclusive {@link FileChannel#lock} on a lock file beside the vault.
 *
 * <p>Waiting is bounded: a process that holds the lock far longer than a write takes is reported
 * instead of waited for forever.
 */
final class VaultLock implements AutoCloseable {
    private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

    private final ReentrantLock inJvm;
    private final FileChannel channel;

    private VaultLock(ReentrantLock inJvm, FileChannel channel) {
        this.inJvm = inJvm;
        this.channel = channel;
    }

    static VaultLock acquire(Path lockFile, Duration timeout) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + timeout.toNanos();
        ReentrantLock inJvm = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
        try {
            if (!inJvm.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) throw busy(key, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CredentialsException("interrupted while waiting for the vault lock " + key);
        }
        FileChannel channel = null;
        try {
            AtomicWrite.createPrivateFolder(key.getParent());
            channel = FileChannel.open(key, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    AtomicWrite.ownerOnly("rw-------"));
            lockBefore(channel, deadline, key, timeout);
            return new VaultLock(inJvm, channel);
        } catch (IOException | RuntimeException e) {
            if (channel != null) channel.close();
            inJvm.unlock();
            throw e;
        }
    }

    /** Polls with a short back-off: a blocking lock could not honour the deadline. */
    private static FileLock lockBefore(FileChannel channel, long deadline, Path key, Duration timeout)
            throws IOException {
        long pauseMillis = 1;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) return lock;
            if (System.nanoTime() - deadline > 0) throw busy(key, timeout);
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CredentialsException("interrupted while waiting for the vault lock " + key);
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
    }

    private static CredentialsException busy(Path key, Duration timeout) {
        return new CredentialsException("another process has held the vault lock " + key + " for more than "
                + timeout.toSeconds() + " s", "if no other stscreds command is running, try again");
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close(); // releases the file lock too
        } finally {
            inJvm.unlock();
        }
    }
}
