package dev.stscreds.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Path chores shared by {@link AtomicFiles} and {@link FileLock}: one place that knows the modes and symlinks. */
final class PrivatePaths {
    static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final int MAX_SYMLINK_HOPS = 40;

    private PrivatePaths() {}

    /**
     * The file a write to {@code target} must really replace: absolute, with symbolic links to the file
     * followed (a dotfiles setup that links {@code ~/.aws/credentials} keeps its link), and the parent
     * folder canonical when it exists, so that every spelling of one file shares one lock.
     */
    static Path resolveTarget(Path target) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        for (int hops = 0; Files.isSymbolicLink(file); hops++) {
            if (hops == MAX_SYMLINK_HOPS) throw new IOException("too many levels of symbolic links: " + target);
            file = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
        }
        Path folder = file.getParent();
        return Files.isDirectory(folder) ? folder.toRealPath().resolve(file.getFileName()) : file;
    }

    /** Creates the missing folders of {@code folder}, each 0700 on POSIX; existing folders are left as they are. */
    static void createFolders(Path folder) throws IOException {
        if (Files.isDirectory(folder)) return;
        if (isPosix(folder)) {
            Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        } else {
            Files.createDirectories(folder);
        }
    }

    /** The attributes that make a new file readable and writable by its owner only (none off POSIX). */
    static FileAttribute<?>[] ownerOnlyFile(Path folder) {
        return isPosix(folder)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }

    /** Makes a rename in {@code folder} durable. Not every platform can open a folder; that is not an error. */
    static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open folders; the rename itself is still atomic there.
        }
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** An I/O failure in words a user can act on ("permission denied", "Is a directory"…). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return e.getMessage() + " is in the way: it is not a folder";
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) return fse.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
