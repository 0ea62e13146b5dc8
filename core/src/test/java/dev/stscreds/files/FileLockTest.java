package dev.stscreds.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stscreds.CredentialsException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // locks held by try-with-resources, not read
class FileLockTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theLockFileSitsBesideTheTargetOwnerOnly() throws Exception {
        Path target = dir.resolve("new-folder/credentials");
        try (FileLock lock = FileLock.acquire(target, Duration.ofSeconds(1))) {
            assertThat(lock.lockFile()).isEqualTo(dir.toRealPath().resolve("new-folder/.credentials.lock"));
            assertThat(lock.target()).isEqualTo(dir.toRealPath().resolve("new-folder/credentials"));
            if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lock.lockFile()))).isEqualTo("rw-------");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.getParent()))).isEqualTo("rwx------");
            }
        }
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void aSecondThreadTimesOutWithAnErrorNamingTheFile() throws Exception {
        Path target = dir.resolve("config");
        try (FileLock held = FileLock.acquire(target, Duration.ofSeconds(1))) {
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<Throwable> attempt = other.submit(() -> catchFailure(target, Duration.ofMillis(100)));
                Throwable failure = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> attempt.get());
                assertThat(failure)
                        .isInstanceOf(CredentialsException.class)
                        .hasMessageContaining("Timed out after 100 ms")
                        .hasMessageContaining(held.target().toString());
                assertThat(((CredentialsException) failure).hint()).isPresent();
            } finally {
                other.shutdownNow();
            }
        }
        // released: the next caller gets it at once
        try (FileLock again = FileLock.acquire(target, Duration.ZERO)) {
            assertThat(again.target()).isEqualTo(dir.toRealPath().resolve("config"));
        }
    }

    @Test
    void closingTwiceReleasesOnce() throws Exception {
        Path target = dir.resolve("config");
        FileLock lock = FileLock.acquire(target, Duration.ofSeconds(1));
        lock.close();
        lock.close();
        try (FileLock first = FileLock.acquire(target, Duration.ZERO)) {
            assertThatThrownBy(() -> FileLock.acquire(target, Duration.ZERO)).isInstanceOf(CredentialsException.class);
        }
    }

    @Test
    void oneHolderAtATimeAmongManyThreads() throws Exception {
        Path target = dir.resolve("counter");
        Files.writeString(target, "0");
        int threads = 12;
        int rounds = 25;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        try (FileLock lock = FileLock.acquire(target, GUARD)) {
                            int value = Integer.parseInt(Files.readString(target));
                            Thread.yield(); // widen the window a lost update would need
                            AtomicFiles.write(target, Integer.toString(value + 1).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            assertTimeoutPreemptively(GUARD, () -> {
                for (Future<?> future : done) future.get();
            });
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.readString(target)).isEqualTo(Integer.toString(threads * rounds));
    }

    @Test
    void aLockHeldByAnotherProcessTimesOutThenIsFree() throws Exception {
        Path target = dir.resolve("credentials");
        Process holder = ChildJvm.start(LockHolder.class, target.toString());
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(assertTimeoutPreemptively(GUARD, output::readLine)).isEqualTo("locked");

            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(
                            () -> FileLock.acquire(target, Duration.ofMillis(200)))
                    .isInstanceOf(CredentialsException.class)
                    .hasMessageContaining("another process")
                    .hasMessageContaining(".credentials.lock"));

            holder.getOutputStream().close();
            assertThat(assertTimeoutPreemptively(GUARD, () -> holder.waitFor())).isZero();
            try (FileLock lock = FileLock.acquire(target, Duration.ZERO)) {
                assertThat(lock.lockFile().getFileName().toString()).isEqualTo(".credentials.lock");
            }
        } finally {
            holder.destroy();
        }
    }

    private static Throwable catchFailure(Path target, Duration timeout) {
        try (FileLock lock = FileLock.acquire(target, timeout)) {
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
