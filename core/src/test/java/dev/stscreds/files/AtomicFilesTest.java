package dev.stscreds.files;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Test
    void writesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("cache.json");
        AtomicFiles.write(file, "first".getBytes(UTF_8));
        AtomicFiles.write(file, "second".getBytes(UTF_8));
        assertThat(Files.readString(file)).isEqualTo("second");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void theFileIsOwnerOnlyEvenWhenItWasNot() throws IOException {
        assumeTrue(posix(dir));
        Path file = Files.writeString(dir.resolve("credentials"), "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        AtomicFiles.write(file, "new".getBytes(UTF_8));
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void missingFoldersAreCreatedOwnerOnlyAndExistingOnesAreUntouched() throws IOException {
        assumeTrue(posix(dir));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = dir.resolve("a/b/file");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
        assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("a/b"))).isEqualTo("rwx------");
        assertThat(mode(dir)).isEqualTo("rwxr-xr-x");
        assertThat(mode(file)).isEqualTo("rw-------");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndKept() throws IOException {
        Path real = Files.writeString(Files.createDirectories(dir.resolve("dotfiles")).resolve("credentials"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("credentials"), Path.of("dotfiles/credentials"));
        AtomicFiles.write(link, "new".getBytes(UTF_8));
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
    }

    @Test
    void aFailureNamesTheFileAndLeavesTheOldContent() throws IOException {
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        assertThatThrownBy(() -> AtomicFiles.write(blocker.resolve("file"), new byte[0]))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining(blocker.resolve("file").toString());

        assumeTrue(posix(dir) && !"root".equals(System.getProperty("user.name")));
        Path readOnly = Files.createDirectories(dir.resolve("ro"));
        Path file = Files.writeString(readOnly.resolve("config"), "old");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThatThrownBy(() -> AtomicFiles.write(file, "new".getBytes(UTF_8)))
                    .isInstanceOf(CredentialsException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("permission denied");
            assertThat(Files.readString(file)).isEqualTo("old");
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
