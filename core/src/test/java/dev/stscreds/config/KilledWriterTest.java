package dev.stscreds.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer killed (SIGKILL) in the middle of its writes, many times over: the file is always
 * either the old or the new version, never a broken one.
 */
class KilledWriterTest {
    private static final int KILLS = 20;

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesTheOldOrTheNewFileNeverABrokenOne() throws Exception {
        Path file = dir.resolve("credentials");
        String header = "# keep me\n[other]\nregion = eu-west-1\n\n[shared]\nfirst = 1\n";
        Files.writeString(file, header);
        int lastKeys = 1;
        for (int round = 0; round < KILLS; round++) {
            Process writer = new ProcessBuilder(javaCommand(file, "round" + round))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                // Kill it once it has started writing: as soon as the file grows, so the kill lands mid-stream.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                int keys;
                do {
                    keys = ProfileFile.read(file, ProfileFileKind.CREDENTIALS).profiles().get("shared").properties().size();
                } while (keys <= lastKeys && writer.isAlive() && System.nanoTime() < deadline);
            } finally {
                writer.destroyForcibly();
                writer.waitFor(10, TimeUnit.SECONDS);
            }
            ProfileFile after = ProfileFile.read(file, ProfileFileKind.CREDENTIALS);
            int keys = after.profiles().get("shared").properties().size();
            assertThat(keys).as("round %d: keys only ever added", round).isGreaterThanOrEqualTo(lastKeys);
            assertThat(after.profiles().get("other").value("region")).contains("eu-west-1");
            assertThat(Files.readString(file)).startsWith("# keep me\n[other]\nregion = eu-west-1\n");
            lastKeys = keys;
        }
        assertThat(lastKeys).as("the writers made progress").isGreaterThan(KILLS);
    }

    private static List<String> javaCommand(Path file, String prefix) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(EditorWorker.class.getName());
        command.add(file.toString());
        command.add("CREDENTIALS");
        command.add(prefix);
        command.add("100000");
        return command;
    }
}
