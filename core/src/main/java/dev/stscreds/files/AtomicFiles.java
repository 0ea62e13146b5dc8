package dev.stscreds.files;

import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file writes that a crash or a concurrent reader never sees half done: the content goes to a
 * temporary file in the target's folder, is flushed to disk, and then renamed over the target.
 *
 * <p>The written file is mode 0600 on POSIX systems (whatever mode an older version had); missing parent
 * folders are created 0700, existing folders are not touched. A target that is a symbolic link is written
 * through: the file it points to is replaced and the link stays. Writers that may race each other hold a
 * {@link FileLock} around their read-modify-write.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Replaces {@code target} with {@code content}.
     *
     * @throws CredentialsException naming the file when the folder cannot be created or the file not written;
     *     the target is then unchanged and no temporary file is left behind
     */
    public static void write(Path target, byte[] content) {
        Path file;
        try {
            file = PrivatePaths.resolveTarget(target);
        } catch (IOException e) {
            throw failure(target, e);
        }
        Path folder = file.getParent();
        Path temp = null;
        try {
            PrivatePaths.createFolders(folder);
            temp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp", PrivatePaths.ownerOnlyFile(folder));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            temp = null;
            PrivatePaths.syncFolder(folder);
        } catch (IOException e) {
            throw failure(file, e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static CredentialsException failure(Path file, IOException e) {
        return new CredentialsException(
                "Could not write " + file + ": " + PrivatePaths.reason(e),
                "check that the folder exists or can be created, is writable by this user and the disk is not full",
                e);
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) return;
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the original failure is what the user needs to see
        }
    }
}
