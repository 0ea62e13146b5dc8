package dev.stscreds.files;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Test main: takes the lock on args[0], prints "locked", holds it until its standard input closes. */
public final class LockHolder {
    private LockHolder() {}

    @SuppressWarnings("try")
    public static void main(String[] args) throws IOException {
        try (FileLock lock = FileLock.acquire(Path.of(args[0]), Duration.ofSeconds(30))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our input
            }
        }
    }
}
