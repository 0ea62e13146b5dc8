package dev.stscreds.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stscreds.CredentialsException;
import dev.stscreds.config.ProfileFile;
import dev.stscreds.config.ProfileFileKind;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFileReaderTest {
    /** Only a guard against a hang: every case below answers at once. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    static Path fifo(Path at) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mkfifo")), "mkfifo is not installed: no FIFO to test with");
        assertThat(new ProcessBuilder("/usr/bin/mkfifo", at.toString()).start().waitFor()).isZero();
        return at;
    }

    static Path linkToDevZero(Path at) throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
        return Files.createSymbolicLink(at, Path.of("/dev/zero"));
    }

    @Test
    void readsARegularFileWholeUpToTheLimit() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[100]);
        assertThat(BoundedFileReader.read(file, 100)).hasSize(100);
        assertThat(BoundedFileReader.read(Files.write(dir.resolve("empty"), new byte[0]), 100)).isEmpty();
    }

    @Test
    void refusesAFileOverTheLimit() throws Exception {
        Path file = Files.write(dir.resolve("f"), new byte[101]);
        assertThatThrownBy(() -> BoundedFileReader.read(file, 100))
                .isInstanceOf(BoundedFileReader.UnreadableFileException.class)
                .hasMessage("larger than the limit of 100 bytes");
    }

    @Test
    void refusesAFifoWithoutWaitingForAWriter() throws Exception {
        Path fifo = fifo(dir.resolve("fifo"));
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> BoundedFileReader.read(fifo, 100))
                .isInstanceOf(BoundedFileReader.UnreadableFileException.class)
                .hasMessage("a FIFO, socket or device, not a regular file"));
    }

    @Test
    void refusesALinkToDevZeroWithoutFillingTheHeap() throws Exception {
        Path zero = linkToDevZero(dir.resolve("zero"));
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> BoundedFileReader.read(zero, 1 << 20))
                .isInstanceOf(BoundedFileReader.UnreadableFileException.class)
                .hasMessageContaining("not a regular file"));
    }

    @Test
    void followsLinksToRegularFilesAndRefusesFolders() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertThat(BoundedFileReader.readString(link, 10)).isEqualTo("x");
        assertThatThrownBy(() -> BoundedFileReader.read(dir, 10)).hasMessage("a folder, not a regular file");
        assertThatThrownBy(() -> BoundedFileReader.read(dir.resolve("missing"), 10)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aProfileFileThatIsAFifoIsAOneLineErrorNamingIt() throws Exception {
        Path fifo = fifo(dir.resolve("config"));
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> ProfileFile.read(fifo, ProfileFileKind.CONFIG))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("Could not read the config file " + fifo + ": a FIFO, socket or device, not a regular file"));
    }

    @Test
    void aProfileFileLinkedToDevZeroIsAnErrorNotAnOutOfMemory() throws Exception {
        Path zero = linkToDevZero(dir.resolve("credentials"));
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> ProfileFile.read(zero, ProfileFileKind.CREDENTIALS))
                .isInstanceOf(CredentialsException.class)
                .hasMessageContaining(zero + ": a FIFO, socket or device, not a regular file"));
    }

    @Test
    void aHugeProfileFileIsRefusedWithItsLimit() throws Exception {
        Path big = dir.resolve("config");
        try (var out = Files.newOutputStream(big)) {
            byte[] line = "# comment\n".getBytes();
            for (long n = 0; n <= BoundedFileReader.PROFILE_FILE_LIMIT / line.length; n++) out.write(line);
        }
        assertThatThrownBy(() -> ProfileFile.read(big, ProfileFileKind.CONFIG))
                .hasMessageContaining(big + ": larger than the limit of 4 MiB");
    }
}
