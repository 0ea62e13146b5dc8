package dev.stscreds.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * A folder nobody can write in for a while, as a read-only home or a full disk looks to a writer: its mode
 * is 0500, and for root (whom modes do not stop) it is made immutable with {@code chattr +i}. Where neither
 * works, {@link #make} says why and the test should skip.
 *
 * <pre>{@code
 * try (ReadOnlyFolder ro = ReadOnlyFolder.make(cache).orElseThrow(...)) { ... writes into cache fail ... }
 * }</pre>
 */
public final class ReadOnlyFolder implements AutoCloseable {
    private final Path folder;
    private final boolean immutable;

    private ReadOnlyFolder(Path folder, boolean immutable) {
        this.folder = folder;
        this.immutable = immutable;
    }

    /** Makes {@code folder} (created when missing) read-only; empty with the reason printed when this machine cannot. */
    public static Optional<ReadOnlyFolder> make(Path folder) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-x------"));
        if (cannotWrite(folder)) return Optional.of(new ReadOnlyFolder(folder, false));
        boolean chattr = run("chattr", "+i", folder.toString());
        if (chattr && cannotWrite(folder)) return Optional.of(new ReadOnlyFolder(folder, true));
        if (chattr) run("chattr", "-i", folder.toString());
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        System.out.println("skipped: cannot make " + folder + " read-only here (running as root, and chattr +i is "
                + "unavailable or unsupported by this file system)");
        return Optional.empty();
    }

    private static boolean cannotWrite(Path folder) {
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes the folder writable again (0700). */
    @Override
    public void close() throws IOException {
        if (immutable) {
            try {
                run("chattr", "-i", folder.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
    }
}
