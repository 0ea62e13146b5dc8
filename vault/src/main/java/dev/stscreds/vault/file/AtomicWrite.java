package dev.stscreds.vault.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file's contents all at once: a temporary file in the same folder (mode 0600), fsync,
 * rename over the target, fsync of the folder. A reader sees the old file or the new one, never a
 * mix; a crash leaves at worst a stray temporary file. A missing folder is created with mode 0700.
 */
final class AtomicWrite {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private AtomicWrite() {}

    static void write(Path file, byte[] content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        createPrivateFolder(folder);
        Path temp = Files.createTempFile(folder, "." + file.getFileName() + ".", ".tmp", ownerOnly("rw-------"));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncFolder(folder);
    }

    /** Creates the folder (and missing parents) with mode 0700; an existing folder is left as it is. */
    static void createPrivateFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) Files.createDirectories(folder, ownerOnly("rwx------"));
    }

    /** Creation attributes giving the owner only the given rights, where the file system has modes. */
    static FileAttribute<?>[] ownerOnly(String mode) {
        if (!POSIX) return new FileAttribute<?>[0];
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)};
    }

    /** Makes the rename itself durable; not every platform can open a folder, which is fine. */
    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open a folder as a channel; its rename is durable on its own
        }
    }
}
